"use client";

import { useLocale, useTranslations } from "next-intl";
import type { Seller } from "@/lib/catalog/schemas";
import type { Availability } from "@/lib/inventory/schemas";
import { BoltIcon, BoxIcon, TruckIcon } from "./icons";

const HUBS_SHOWN = 5;

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
          <div
            className="flex items-center justify-between gap-4 rounded-xl bg-sky-50/70 p-4 ring-1 ring-sky-200"
            data-testid="availability-center"
          >
            <div>
              <p className="flex items-center gap-2 text-sm font-bold text-sky-950">
                <TruckIcon size={16} />
                {t("centerTitle")}
              </p>
              <p className="mt-0.5 text-xs text-sky-900/80">{t("centerText", { count: centers.length })}</p>
            </div>
            <p className="whitespace-nowrap text-lg font-extrabold text-sky-900">
              {t("centerTotal", { count: centerTotal })}
            </p>
          </div>
        ) : null}

        {warehouses.map((w) => (
          <div
            key={w.locationId}
            className="flex items-center justify-between gap-4 rounded-xl bg-slate-50 p-4 ring-1 ring-slate-200"
            data-testid="availability-warehouse"
          >
            <div>
              <p className="flex items-center gap-2 text-sm font-bold text-ink">
                <BoxIcon size={16} />
                {t("warehouseTitle")}
              </p>
              <p className="mt-0.5 text-xs text-slate-600">
                {t("warehouseText", { seller: locale === "en" ? seller.nameEn : seller.name })} · {label(w)}
              </p>
            </div>
            <p className="whitespace-nowrap text-lg font-extrabold text-ink">
              {t("units", { count: w.available })}
            </p>
          </div>
        ))}
      </div>
      {marketplace ? null : <p className="mt-4 text-xs text-slate-500">{t("deliveryNote")}</p>}
    </section>
  );
}
