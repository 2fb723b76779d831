import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { ZodError } from "zod";
import { getDb } from "@/db/client";
import { LocationStockTable } from "@/components/inventory/location-stock-table";
import { LeadTimeChart, OrdersBySourceChart } from "@/components/network/kpi-charts";
import { LeadTimeTable, OrdersPerDayTable, StockOutTable } from "@/components/network/kpi-tables";
import { PageTitle, SectionCard } from "@/components/ui/card";
import { PeriodForm } from "@/components/ui/period-form";
import { StatCard } from "@/components/ui/stat-card";
import { requirePageRole } from "@/lib/auth/guard";
import { Invalid } from "@/lib/errors";
import { formatFor, seoulDayKey } from "@/lib/format";
import { organisationOf } from "@/lib/identity/organisation";
import { networkStock } from "@/lib/inventory/stock-summary";
import { networkKpis } from "@/lib/network/kpis";
import { titleFrom } from "@/lib/http/page";

type Search = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) || undefined;

const ACCENT = {
  logistics_center: "bg-sky-500",
  org_hub: "bg-indigo-500",
  dealer_hub: "bg-amber-400",
  seller_warehouse: "bg-slate-400",
} as const;

export const generateMetadata = titleFrom("catalog.dashboard", "marketingTitle");

/**
 * Marketing's network dashboard: the KPIs of GET /api/kpis over a range of Seoul days (default: the
 * last 30) as charts with their tables, then the stock of every location now.
 */
export default async function MarketingHome({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await requirePageRole(["marketing"], "/marketing");
  const sp = await searchParams;
  const db = getDb();
  const [t, td, tl, locale, network, org] = await Promise.all([
    getTranslations("network.dashboard"),
    getTranslations("catalog.dashboard"),
    getTranslations("catalog.labels"),
    getLocale(),
    networkStock(db, actor),
    organisationOf(db, actor.organisationId),
  ]);
  const format = formatFor(locale);
  // A hand-typed range that does not parse shows the default period, and says why.
  const wanted = await networkKpis(db, actor, { from: one(sp.from), to: one(sp.to) }).catch((e: unknown) => {
    if (e instanceof Invalid || e instanceof ZodError) return null;
    throw e;
  });
  const k = wanted ?? (await networkKpis(db, actor, {}));
  const dayText = (d: string) => format.dateTime(`${d}T12:00:00+09:00`, "date");
  const days = k.daily.map((d) => ({ ...d, dayText: dayText(d.day) }));
  const today = seoulDayKey(new Date());
  const hours = (x: number | null) => (x === null ? t("none") : t("hours", { n: x }));
  const ordersInRange = Object.values(k.ordersBySource).reduce((s, n) => s + n, 0);
  const delivered = k.leadTime.hub.orders + k.leadTime.center.orders;
  const range = { from: dayText(k.from), to: dayText(k.to) };
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
  const tool =
    "rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm font-semibold text-slate-800 shadow-sm hover:bg-slate-50";

  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <PageTitle title={td("marketingTitle")} subtitle={td("marketingSubtitle", { org: orgName })} />
        <nav aria-label={t("tools")} className="flex gap-2">
          <Link href="/marketing/receipts" className={tool}>
            {t("toReceipts")}
          </Link>
          <Link href="/marketing/ledger" className={tool}>
            {t("toLedger")}
          </Link>
        </nav>
      </div>
      <div className="-mt-4">
        <h2 className="text-lg font-bold text-ink">{t("kpiTitle")}</h2>
        <p className="text-sm text-slate-500">{t("kpiHelp", range)}</p>
      </div>
      <PeriodForm
        action="/marketing"
        from={k.from}
        to={k.to}
        today={today}
        invalid={wanted === null ? t("invalid") : null}
      />

      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-5">
        <StatCard
          label={t("hubLead")}
          value={hours(k.leadTime.hub.p50Hours)}
          hint={t("leadHint", { p90: hours(k.leadTime.hub.p90Hours), count: k.leadTime.hub.orders })}
          accent="bg-indigo-500"
        />
        <StatCard
          label={t("centerLead")}
          value={hours(k.leadTime.center.p50Hours)}
          hint={t("leadHint", { p90: hours(k.leadTime.center.p90Hours), count: k.leadTime.center.orders })}
          accent="bg-sky-500"
        />
        <StatCard
          label={t("fillRate")}
          value={k.fillRate === null ? t("none") : `${format.number(Math.round(k.fillRate * 1000) / 10)}%`}
          hint={t("fillHint")}
          accent="bg-emerald-500"
        />
        <StatCard
          label={t("stockOuts")}
          value={format.number(k.stockOuts)}
          hint={t("stockOutsHint")}
          accent={k.stockOuts > 0 ? "bg-red-500" : "bg-slate-300"}
        />
        <StatCard
          label={t("inFlight")}
          value={
            <Link href="/marketing/transfers?status=in_transit" className="hover:text-brand-700">
              {format.number(k.transfersInFlight)}
            </Link>
          }
          hint={t("inFlightHint")}
          accent="bg-amber-400"
        />
      </div>

      <SectionCard id="lead-time" title={t("leadTitle")} description={t("leadHelp")}>
        <div className="flex flex-col gap-5">
          {delivered === 0 ? (
            <p className="py-10 text-center text-sm text-slate-500">{t("leadEmpty")}</p>
          ) : (
            <LeadTimeChart days={days} label={`${t("leadTitle")} · ${range.from} – ${range.to}`} />
          )}
          <LeadTimeTable leadTime={k.leadTime} />
        </div>
      </SectionCard>

      <SectionCard id="orders" title={t("ordersTitle")} description={t("ordersHelp")}>
        <div className="flex flex-col gap-5">
          {ordersInRange === 0 ? (
            <p className="py-10 text-center text-sm text-slate-500">{t("chartEmpty")}</p>
          ) : (
            <OrdersBySourceChart days={days} label={`${t("ordersTitle")} · ${range.from} – ${range.to}`} />
          )}
          <OrdersPerDayTable days={days} />
        </div>
      </SectionCard>

      <SectionCard
        id="stock-outs"
        title={
          <>
            {t("stockOutsTitle")}{" "}
            <span className="text-sm font-medium text-slate-500">{format.number(k.stockOuts)}</span>
          </>
        }
        description={t("stockOutsHelp")}
      >
        <StockOutTable rows={k.stockOutList} />
      </SectionCard>

      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        {kinds.map((x) => (
          <StatCard
            key={x.kind}
            label={tl(`locationKind.${x.kind}`)}
            value={td("units", { count: x.available })}
            hint={td("kindHint", { count: x.count, reserved: x.reserved })}
            accent={ACCENT[x.kind]}
          />
        ))}
      </div>
      <section className="flex flex-col gap-3">
        <h2 className="text-lg font-bold text-ink">{td("networkTable")}</h2>
        <LocationStockTable rows={network} showKind caption={td("networkTable")} />
      </section>
    </div>
  );
}
