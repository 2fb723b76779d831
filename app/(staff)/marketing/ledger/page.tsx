import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { LedgerDriftTable } from "@/components/inventory/ledger-drift-table";
import { Breadcrumb } from "@/components/ui/breadcrumb";
import { PageTitle } from "@/components/ui/card";
import { StatCard } from "@/components/ui/stat-card";
import { requirePageRole } from "@/lib/auth/guard";
import { formatFor } from "@/lib/format";
import { checkLedger } from "@/lib/inventory/ledger";
import { listLocations } from "@/lib/inventory/locations";
import { titleFrom } from "@/lib/http/page";

export const generateMetadata = titleFrom("network.ledger");

/** Marketing's ledger check: `?run=1` recomputes every level from the movements (a read; it changes nothing). */
export default async function LedgerPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requirePageRole(["marketing"], "/marketing/ledger");
  const run = (await searchParams).run === "1";
  const db = getDb();
  const [t, locale] = await Promise.all([getTranslations("network.ledger"), getLocale()]);
  const td = await getTranslations("network.dashboard");
  const format = formatFor(locale);
  const [check, locations] = run
    ? await Promise.all([checkLedger(db, actor), listLocations(db)])
    : [null, []];
  const place = (id: string) => {
    const l = locations.find((x) => x.id === id);
    return l ? (locale === "en" ? l.nameEn : l.name) : id;
  };
  return (
    <div className="flex flex-col gap-6">
      <Breadcrumb trail={[{ href: "/marketing", label: td("dashboard") }]} current={t("title")} />
      <div className="flex flex-wrap items-start justify-between gap-4">
        <PageTitle title={t("title")} subtitle={t("subtitle")} />
        <Link
          href="/marketing/ledger?run=1"
          prefetch={false}
          className="rounded-lg bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700"
        >
          {check ? t("runAgain") : t("run")}
        </Link>
      </div>
      {!check ? (
        <p className="rounded-2xl border border-dashed border-slate-300 bg-white px-6 py-12 text-center text-sm text-slate-500">
          {t("notRun")}
        </p>
      ) : (
        <>
          <div className="grid gap-4 sm:grid-cols-3">
            <StatCard label={t("levels")} value={format.number(check.levels)} />
            <StatCard
              label={t("drift")}
              value={format.number(check.drift.length)}
              accent={check.drift.length ? "bg-red-500" : "bg-emerald-500"}
            />
            <StatCard
              label={t("checkedAt")}
              value={format.dateTime(check.checkedAt, "time")}
              hint={format.dateTime(check.checkedAt, "date")}
              accent="bg-slate-400"
            />
          </div>
          {check.drift.length === 0 ? (
            <p
              role="status"
              className="rounded-2xl border border-emerald-200 bg-emerald-50 px-6 py-5 text-sm font-medium text-emerald-800"
            >
              ✓ {t("noDrift")}
            </p>
          ) : (
            <section className="flex flex-col gap-3">
              <p
                role="alert"
                className="rounded-2xl border border-red-200 bg-red-50 px-6 py-4 text-sm font-medium text-red-800"
              >
                {t("driftFound", { count: check.drift.length })}
              </p>
              <LedgerDriftTable
                rows={check.drift.map((d) => ({ ...d, locationName: place(d.locationId) }))}
              />
            </section>
          )}
        </>
      )}
    </div>
  );
}
