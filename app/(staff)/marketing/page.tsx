import { getLocale, getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { LocationStockTable } from "@/components/inventory/location-stock-table";
import { PageTitle } from "@/components/ui/card";
import { StatCard } from "@/components/ui/stat-card";
import { requirePageRole } from "@/lib/auth/guard";
import { organisationOf } from "@/lib/identity/organisation";
import { networkStock } from "@/lib/inventory/stock-summary";

const ACCENT = {
  logistics_center: "bg-sky-500",
  org_hub: "bg-indigo-500",
  dealer_hub: "bg-amber-400",
  seller_warehouse: "bg-slate-400",
} as const;

export async function generateMetadata() {
  const t = await getTranslations("catalog.dashboard");
  return { title: t("marketingTitle") };
}

export default async function MarketingHome() {
  const actor = await requirePageRole(["marketing"], "/marketing");
  const db = getDb();
  const [network, org, t, tl, locale] = await Promise.all([
    networkStock(db, actor),
    organisationOf(db, actor.organisationId),
    getTranslations("catalog.dashboard"),
    getTranslations("catalog.labels"),
    getLocale(),
  ]);
  const orgName = (locale === "en" ? org?.nameEn : org?.name) ?? actor.name;
  const kinds = (["logistics_center", "org_hub", "dealer_hub", "seller_warehouse"] as const).map((kind) => {
    const rows = network.filter((l) => l.kind === kind);
    return {
      kind,
      count: rows.length,
      available: rows.reduce((s, l) => s + l.available, 0),
      reserved: rows.reduce((s, l) => s + l.reserved, 0),
    };
  });
  return (
    <div className="flex flex-col gap-6">
      <PageTitle title={t("marketingTitle")} subtitle={t("marketingSubtitle", { org: orgName })} />
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        {kinds.map((k) => (
          <StatCard
            key={k.kind}
            label={tl(`locationKind.${k.kind}`)}
            value={t("units", { count: k.available })}
            hint={t("kindHint", { count: k.count, reserved: k.reserved })}
            accent={ACCENT[k.kind]}
          />
        ))}
      </div>
      <section className="flex flex-col gap-3">
        <h2 className="text-lg font-bold text-ink">{t("networkTable")}</h2>
        <LocationStockTable rows={network} showKind caption={t("networkTable")} />
      </section>
    </div>
  );
}
