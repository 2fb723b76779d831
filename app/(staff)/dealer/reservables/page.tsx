import { getTranslations } from "next-intl/server";
import { StaffReservablesPage } from "@/components/reservations/staff-page";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  const t = await getTranslations("reservables");
  return { title: t("title") };
}

export default function Page() {
  return <StaffReservablesPage role="dealer" path="/dealer/reservables" />;
}
