import { getTranslations } from "next-intl/server";
import { PageTitle } from "@/components/ui/card";
import { MyReservations } from "@/components/reservations/my-reservations";
import { getDb } from "@/db/client";
import { requirePageRole } from "@/lib/auth/guard";
import { myReservations, myWaitlist } from "@/lib/reservations/queries";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  const t = await getTranslations("reservations");
  return { title: t("myTitle") };
}

export default async function MyReservationsPage() {
  const actor = await requirePageRole(["customer"], "/reservations");
  const t = await getTranslations("reservations");
  const [items, waitlist] = await Promise.all([myReservations(getDb(), actor), myWaitlist(getDb(), actor)]);
  return (
    <>
      <PageTitle title={t("myTitle")} subtitle={t("mySubtitle")} />
      <MyReservations initial={items} waitlist={waitlist} />
    </>
  );
}
