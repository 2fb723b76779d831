import { getLocale, getTranslations } from "next-intl/server";
import { formatFor, seoulDayKey } from "@/lib/format";
import { ZodError } from "zod";
import { getDb } from "@/db/client";
import { SalesChart } from "@/components/catalog/sales-chart";
import { SalesByDay, SalesByProduct } from "@/components/catalog/sales-tables";
import { PageTitle, SectionCard } from "@/components/ui/card";
import { PeriodForm } from "@/components/ui/period-form";
import { StatCard } from "@/components/ui/stat-card";
import { requirePageRole } from "@/lib/auth/guard";
import { sellerSales } from "@/lib/catalog/seller-product-queries";
import { Invalid } from "@/lib/errors";
import { titleFrom } from "@/lib/http/page";

type Search = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) || undefined;

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

  return (
    <div className="flex flex-col gap-6">
      <PageTitle
        title={t("title")}
        subtitle={t("subtitle", { from: dayText(report.from), to: dayText(report.to) })}
      />
      <PeriodForm
        action="/seller/sales"
        from={report.from}
        to={report.to}
        today={today}
        invalid={invalid ? t("invalid") : null}
      />

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
