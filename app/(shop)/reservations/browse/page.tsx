import { getLocale, getTranslations } from "next-intl/server";
import { Browse } from "@/components/reservations/browse";
import { PageTitle } from "@/components/ui/card";
import { getDb } from "@/db/client";
import { currentActor } from "@/lib/auth/session";
import { shopReservables } from "@/lib/catalog/cached-reads";
import type { Locale } from "@/lib/i18n/config";
import { packBrowse } from "@/lib/reservations/browse-view";
import { Id } from "@/lib/validation";
import { titleFrom } from "@/lib/http/page";

export const dynamic = "force-dynamic";

export const generateMetadata = titleFrom("reservations", "browseTitle");

/** Customers and guests: pre-orders and a week of appointment slots (`?productId=` from a product page). */
export default async function BrowseReservablesPage({
  searchParams,
}: {
  searchParams: Promise<{ productId?: string }>;
}) {
  const { productId } = await searchParams;
  const filter = productId && Id.safeParse(productId).success ? { productId } : {};
  const [actor, t, reservables, locale] = await Promise.all([
    currentActor(),
    getTranslations("reservations"),
    shopReservables(getDb(), filter),
    getLocale(),
  ]);
  const viewer = !actor ? "guest" : actor.role === "customer" ? "customer" : "staff";
  const returnTo = `/reservations/browse${filter.productId ? `?productId=${filter.productId}` : ""}`;
  return (
    <>
      <PageTitle title={t("browseTitle")} subtitle={t("browseSubtitle")} />
      {/* Only what the page draws, in its language, the slots packed: a week of them at every HUB. */}
      <Browse data={packBrowse(reservables, locale as Locale)} viewer={viewer} returnTo={returnTo} />
    </>
  );
}
