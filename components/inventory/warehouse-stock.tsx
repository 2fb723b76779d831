"use client";

import { createColumnHelper } from "@tanstack/react-table";
import { useFormatter, useTranslations } from "next-intl";
import { DataTable } from "@/components/ui/data-table";

export type StockRow = { variantId: string; name: string; sku: string; retired: boolean; onHand: number; reserved: number; available: number };
const col = createColumnHelper<StockRow>();

/** One warehouse's stock of a product, per variant: on hand, allocated to orders, available. */
export function WarehouseStock({ warehouseName, rows }: { locationId: string; warehouseName: string; rows: StockRow[] }) {
  const t = useTranslations("sellerCentre.stock");
  const format = useFormatter();
  const columns = [
    col.accessor("name", {
      header: t("variant"),
      cell: ({ row: { original: r } }) => (
        <div>
          <p className={`font-medium ${r.retired ? "text-slate-500" : "text-ink"}`}>{r.name}</p>
          <p className="font-mono text-xs text-slate-400">{r.sku}</p>
        </div>
      ),
    }),
    col.accessor("onHand", { header: t("onHand"), meta: { align: "right" }, cell: (c) => format.number(c.getValue()) }),
    col.accessor("reserved", { header: t("reserved"), meta: { align: "right" }, cell: (c) => format.number(c.getValue()) }),
    col.accessor("available", { header: t("available"), meta: { align: "right", className: "font-bold text-ink" }, cell: (c) => format.number(c.getValue()) }),
  ];
  return (
    <div className="flex flex-col gap-3">
      <p className="text-sm font-semibold text-slate-700">{warehouseName}</p>
      <DataTable data={rows} columns={columns} caption={`${t("title")} · ${warehouseName}`} getRowId={(r) => r.variantId} testId="warehouse-stock" />
    </div>
  );
}
