import { getTranslations } from "next-intl/server";
import { PageTitle } from "@/components/ui/card";
import { MyReservations } from "@/components/reservations/my-reservations";
import { getDb } from "@/db/client";
import { requirePageRole } from "@/lib/auth/guard";
import { myReservations, myWaitlist } from "@/lib/reservations/queries";
import { titleFrom } from "@/lib/http/page";

export const dynamic = "force-dynamic";

export const generateMetadata = titleFrom("reservations", "myTitle");

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
