import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { formatFor, seoulDayKey } from "@/lib/format";
import { ZodError } from "zod";
import { getDb } from "@/db/client";
import { SalesChart } from "@/components/catalog/sales-chart";
import { SalesByDay, SalesByProduct } from "@/components/catalog/sales-tables";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { PageTitle, SectionCard } from "@/components/ui/card";
import { StatCard } from "@/components/ui/stat-card";
import { requirePageRole } from "@/lib/auth/guard";
import { sellerSales } from "@/lib/catalog/seller-product-queries";
import { Invalid } from "@/lib/errors";
import { titleFrom } from "@/lib/http/page";

type Search = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) || undefined;
const addDays = (day: string, n: number) =>
  new Date(Date.parse(day) + n * 86_400_000).toISOString().slice(0, 10);

export const generateMetadata = titleFrom("sellerCentre.sales");

/** The seller's units and revenue per day and per product over a range of Seoul days (default: the last 30). */
export default async function SalesPage({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await requirePageRole(["seller"], "/seller/sales");
  const sp = await searchParams;
  const asked = { from: one(sp.from), to: one(sp.to) };
  const db = getDb();
  const [t, format] = await Promise.all([getTranslations("sellerCentre.sales"), getLocale().then(formatFor)]);
  // A hand-typed range that does not parse shows the default period, and says why.
  const wanted = await sellerSales(db, actor, asked).catch((e: unknown) => {
    if (e instanceof Invalid || e instanceof ZodError) return null;
    throw e;
  });
  const invalid = wanted === null;
  const report = wanted ?? (await sellerSales(db, actor, {}));
  const dayText = (day: string) => format.dateTime(`${day}T12:00:00+09:00`, "date");
  const days = report.days.map((d) => ({ ...d, dayText: dayText(d.day) }));
  const today = seoulDayKey(new Date());
  const ranges = [
    { label: t("last7"), from: addDays(today, -6) },
    { label: t("last30"), from: addDays(today, -29) },
    { label: t("last90"), from: addDays(today, -89) },
  ];
  const current = (from: string) => report.from === from && report.to === today;

  return (
    <div className="flex flex-col gap-6">
      <PageTitle
        title={t("title")}
        subtitle={t("subtitle", { from: dayText(report.from), to: dayText(report.to) })}
      />
      <form
        method="get"
        action="/seller/sales"
        className="flex flex-wrap items-end gap-3 rounded-2xl border border-slate-200 bg-white p-4 shadow-sm"
      >
        <nav aria-label={t("range")} className="flex flex-wrap gap-2">
          {ranges.map((r) => (
            <Link
              key={r.from}
              href={`/seller/sales?from=${r.from}&to=${today}`}
              aria-current={current(r.from) ? "page" : undefined}
              className={`rounded-full px-3 py-1.5 text-sm font-medium ring-1 ${current(r.from) ? "bg-ink text-white ring-ink" : "bg-white text-slate-700 ring-slate-200 hover:bg-slate-50"}`}
            >
              {r.label}
            </Link>
          ))}
        </nav>
        <div className="ml-auto">
          <Field type="date" name="from" label={t("from")} defaultValue={report.from} max={today} />
        </div>
        <Field type="date" name="to" label={t("to")} defaultValue={report.to} />
        <Button type="submit" variant="secondary">
          {t("apply")}
        </Button>
        {invalid ? (
          <p role="alert" className="w-full text-sm font-medium text-red-700">
            {t("invalid")}
          </p>
        ) : null}
      </form>

      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <StatCard label={t("revenue")} value={format.krw(report.totals.revenue)} />
        <StatCard
          label={t("units")}
          value={t("unitsValue", { count: report.totals.units })}
          accent="bg-emerald-500"
        />
        <StatCard label={t("products")} value={format.number(report.products.length)} accent="bg-sky-500" />
        <StatCard
          label={t("average")}
          value={format.krw(Math.round(report.totals.revenue / Math.max(report.days.length, 1)))}
          accent="bg-slate-400"
        />
      </div>

      <SectionCard id="chart" title={t("chartTitle")}>
        {report.totals.units === 0 ? (
          <p className="py-10 text-center text-sm text-slate-500">{t("empty")}</p>
        ) : (
          <SalesChart
            days={days}
            label={t("chartLabel", { from: dayText(report.from), to: dayText(report.to) })}
          />
        )}
      </SectionCard>

      <div className="grid items-start gap-6 lg:grid-cols-2">
        <section className="flex flex-col gap-3" aria-labelledby="by-product">
          <h2 id="by-product" className="text-lg font-bold text-ink">
            {t("byProduct")}
          </h2>
          <SalesByProduct rows={report.products} totals={report.totals} />
        </section>
        <section className="flex flex-col gap-3" aria-labelledby="by-day">
          <h2 id="by-day" className="text-lg font-bold text-ink">
            {t("byDay")}
          </h2>
          <SalesByDay days={days} totals={report.totals} />
        </section>
      </div>
    </div>
  );
}
