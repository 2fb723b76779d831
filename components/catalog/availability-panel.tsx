"use client";

import { useLocale, useTranslations } from "next-intl";
import type { Seller } from "@/lib/catalog/schemas";
import type { Availability } from "@/lib/inventory/schemas";
import { BoltIcon, BoxIcon, TruckIcon } from "./icons";

const HUBS_SHOWN = 5;

const TONES = {
  center: {
    box: "bg-sky-50/70 ring-sky-200",
    title: "text-sky-950",
    text: "text-sky-900/80",
    amount: "text-sky-900",
  },
  warehouse: {
    box: "bg-slate-50 ring-slate-200",
    title: "text-ink",
    text: "text-slate-600",
    amount: "text-ink",
  },
};

/** One source that is not a HUB: what it is and how long it takes, and how much it holds. */
function SourceRow({
  tone,
  icon,
  title,
  text,
  amount,
  testId,
}: {
  tone: keyof typeof TONES;
  icon: React.ReactNode;
  title: string;
  text: React.ReactNode;
  amount: string;
  testId: string;
}) {
  const c = TONES[tone];
  return (
    <div
      className={`flex items-center justify-between gap-4 rounded-xl p-4 ring-1 ${c.box}`}
      data-testid={testId}
    >
      <div>
        <p className={`flex items-center gap-2 text-sm font-bold ${c.title}`}>
          {icon}
          {title}
        </p>
        <p className={`mt-0.5 text-xs ${c.text}`}>{text}</p>
      </div>
      <p className={`whitespace-nowrap text-lg font-extrabold ${c.amount}`}>{amount}</p>
    </div>
  );
}

/**
 * The chosen variant's stock, the way a customer decides: HUBs (same/next day) by name, the
 * logistics centers (1–3 days) as one total, and for marketplace items the seller's warehouse.
 */
export function AvailabilityPanel({ rows, seller }: { rows: Availability[]; seller: Seller }) {
  const t = useTranslations("catalog.product");
  const tl = useTranslations("catalog.labels");
  const locale = useLocale();
  const label = (a: Availability) => (locale === "en" ? a.nameEn : a.name);

  const hubs = rows.filter((a) => a.kind === "org_hub" || a.kind === "dealer_hub");
  const hubsWithStock = hubs.filter((a) => a.available > 0).sort((a, b) => b.available - a.available);
  const centers = rows.filter((a) => a.kind === "logistics_center");
  const centerTotal = centers.reduce((s, a) => s + a.available, 0);
  const warehouses = rows.filter((a) => a.kind === "seller_warehouse");
  const total = rows.reduce((s, a) => s + a.available, 0);
  const marketplace = seller.kind === "marketplace";

  return (
    <section
      aria-labelledby="availability-title"
      className="rounded-2xl border border-slate-200 bg-white p-5 shadow-sm"
      data-testid="availability"
    >
      <div className="mb-4 flex items-center justify-between">
        <h2 id="availability-title" className="text-base font-bold text-ink">
          {t("availabilityTitle")}
        </h2>
        <span
          className={`rounded-full px-2.5 py-1 text-xs font-bold ${total > 0 ? "bg-emerald-50 text-emerald-700 ring-1 ring-emerald-200" : "bg-red-50 text-red-700 ring-1 ring-red-200"}`}
        >
          {total > 0 ? t("inStock") : t("outOfStock")}
        </span>
      </div>

      <div className="flex flex-col gap-3">
        {!marketplace || hubs.length > 0 ? (
          <div className="rounded-xl bg-amber-50/70 p-4 ring-1 ring-amber-200" data-testid="availability-hub">
            <p className="flex items-center gap-2 text-sm font-bold text-amber-950">
              <BoltIcon size={16} />
              {t("hubTitle")}
            </p>
            <p className="mt-0.5 text-xs text-amber-900/80">{t("hubText")}</p>
            {hubsWithStock.length > 0 ? (
              <ul className="mt-3 flex flex-wrap gap-2">
                {hubsWithStock.slice(0, HUBS_SHOWN).map((h) => (
                  <li
                    key={h.locationId}
                    className="rounded-lg bg-white px-2.5 py-1.5 text-xs shadow-sm ring-1 ring-amber-200"
                  >
                    <span className="font-semibold text-ink">{label(h)}</span>
                    <span className="ml-1.5 font-bold text-amber-700">
                      {t("units", { count: h.available })}
                    </span>
                    <span className="ml-1.5 text-slate-400">{tl(`region.${h.region}`)}</span>
                  </li>
                ))}
                {hubsWithStock.length > HUBS_SHOWN ? (
                  <li className="px-1 py-1.5 text-xs text-amber-900/70">
                    {t("hubMore", { count: hubsWithStock.length - HUBS_SHOWN })}
                  </li>
                ) : null}
              </ul>
            ) : (
              <p className="mt-3 text-sm text-amber-900">{t("hubNone")}</p>
            )}
          </div>
        ) : null}

        {centers.length > 0 || !marketplace ? (
          <SourceRow
            tone="center"
            icon={<TruckIcon size={16} />}
            title={t("centerTitle")}
            text={t("centerText", { count: centers.length })}
            amount={t("centerTotal", { count: centerTotal })}
            testId="availability-center"
          />
        ) : null}

        {warehouses.map((w) => (
          <SourceRow
            key={w.locationId}
            tone="warehouse"
            icon={<BoxIcon size={16} />}
            title={t("warehouseTitle")}
            text={`${t("warehouseText", { seller: locale === "en" ? seller.nameEn : seller.name })} · ${label(w)}`}
            amount={t("units", { count: w.available })}
            testId="availability-warehouse"
          />
        ))}
      </div>
      {marketplace ? null : <p className="mt-4 text-xs text-slate-500">{t("deliveryNote")}</p>}
    </section>
  );
}
