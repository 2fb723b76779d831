import { getLocale, getTranslations } from "next-intl/server";
import { formatFor } from "@/lib/format";
import { getDb } from "@/db/client";
import { LocationStockTable } from "@/components/inventory/location-stock-table";
import { PageTitle } from "@/components/ui/card";
import { StatCard } from "@/components/ui/stat-card";
import { requirePageRole } from "@/lib/auth/guard";
import { organisationOf } from "@/lib/identity/organisation";
import { ownLocationStock } from "@/lib/inventory/stock-summary";
import { titleFrom } from "@/lib/http/page";

export const generateMetadata = titleFrom("catalog.dashboard", "dealerTitle");

export default async function DealerHome() {
  const actor = await requirePageRole(["dealer"], "/dealer");
  const db = getDb();
  const [hubs, org, t, format, locale] = await Promise.all([
    ownLocationStock(db, actor),
    organisationOf(db, actor.organisationId),
    getTranslations("catalog.dashboard"),
    getLocale().then(formatFor),
    getLocale(),
  ]);
  const orgName = (locale === "en" ? org?.nameEn : org?.name) ?? actor.name;
  const total = (k: "onHand" | "reserved" | "available") => hubs.reduce((s, h) => s + h[k], 0);
  return (
    <div className="flex flex-col gap-6">
      <PageTitle title={t("dealerTitle")} subtitle={t("dealerSubtitle", { org: orgName })} />
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <StatCard label={t("hubs")} value={t("hubsValue", { count: hubs.length })} />
        <StatCard
          label={t("availableUnits")}
          value={t("units", { count: total("available") })}
          accent="bg-emerald-500"
        />
        <StatCard label={t("onHand")} value={format.number(total("onHand"))} accent="bg-slate-400" />
        <StatCard label={t("reserved")} value={format.number(total("reserved"))} accent="bg-amber-400" />
      </div>
      <section className="flex flex-col gap-3">
        <h2 className="text-lg font-bold text-ink">{t("hubTable")}</h2>
        <LocationStockTable rows={hubs} caption={t("hubTable")} empty={t("noHubs")} />
      </section>
    </div>
  );
}
