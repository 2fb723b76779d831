"use client";

import { createColumnHelper } from "@tanstack/react-table";
import { useLocale, useTranslations } from "next-intl";
import { useFormat } from "@/lib/format";
import { numeric } from "@/components/ui/columns";
import { DataTable } from "@/components/ui/data-table";
import type { LocationStock } from "@/lib/inventory/stock-summary";

const col = createColumnHelper<LocationStock>();

const KIND_BADGE: Record<LocationStock["kind"], string> = {
  logistics_center: "bg-sky-50 text-sky-800 ring-sky-200",
  org_hub: "bg-indigo-50 text-indigo-800 ring-indigo-200",
  dealer_hub: "bg-amber-50 text-amber-900 ring-amber-200",
  seller_warehouse: "bg-slate-100 text-slate-700 ring-slate-200",
};

/** Locations with their stock totals: a dealer's hubs, or marketing's whole network. */
export function LocationStockTable({
  rows,
  showKind = false,
  caption,
  empty,
}: {
  rows: LocationStock[];
  showKind?: boolean;
  caption: string;
  empty?: string;
}) {
  const t = useTranslations("catalog.dashboard");
  const tl = useTranslations("catalog.labels");
  const format = useFormat();
  const locale = useLocale();
  const n = (x: number) => format.number(x);
  const columns = [
    col.accessor((r) => (locale === "en" ? r.nameEn : r.name), {
      id: "name",
      header: t("location"),
      cell: (c) => (
        <div>
          <p className="font-semibold text-ink">{c.getValue()}</p>
          <p className="font-mono text-xs text-slate-400">{c.row.original.code}</p>
        </div>
      ),
    }),
    ...(showKind
      ? [
          col.accessor("kind", {
            header: t("kind"),
            sortingFn: (a, b) => KIND_ORDER.indexOf(a.original.kind) - KIND_ORDER.indexOf(b.original.kind),
            cell: (c) => (
              <span
                className={`whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-semibold ring-1 ${KIND_BADGE[c.getValue()]}`}
              >
                {tl(`locationKind.${c.getValue()}`)}
              </span>
            ),
          }),
        ]
      : []),
    col.accessor("region", { header: t("region"), cell: (c) => tl(`region.${c.getValue()}`) }),
    col.accessor("skus", { header: t("skus"), ...numeric(n) }),
    col.accessor("onHand", { header: t("onHand"), ...numeric(n) }),
    col.accessor("reserved", { header: t("reserved"), ...numeric(n) }),
    col.accessor("available", { header: t("available"), ...numeric(n, "font-bold text-ink") }),
  ];
  const sum = (k: "onHand" | "reserved" | "available") => n(rows.reduce((s, r) => s + r[k], 0));
  return (
    <DataTable
      data={rows}
      columns={columns}
      caption={caption}
      empty={empty}
      getRowId={(r) => r.id}
      testId="location-stock-table"
      footer={
        <>
          <td className="px-4 py-3" colSpan={showKind ? 4 : 3}>
            {t("total")}
          </td>
          <td className="px-4 py-3 text-right tabular-nums">{sum("onHand")}</td>
          <td className="px-4 py-3 text-right tabular-nums">{sum("reserved")}</td>
          <td className="px-4 py-3 text-right tabular-nums">{sum("available")}</td>
        </>
      }
    />
  );
}

const KIND_ORDER: LocationStock["kind"][] = ["logistics_center", "org_hub", "dealer_hub", "seller_warehouse"];
