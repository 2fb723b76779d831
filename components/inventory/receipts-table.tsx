"use client";

import { createColumnHelper } from "@tanstack/react-table";
import { useTranslations } from "next-intl";
import { numeric } from "@/components/ui/columns";
import { DataTable } from "@/components/ui/data-table";
import { useFormat } from "@/lib/format";
import type { ReceiptView } from "@/lib/inventory/receipt-queries";

const col = createColumnHelper<ReceiptView>();

/** A page of a center's goods receipts (the server pages them, newest first). */
export function ReceiptsTable({ rows }: { rows: ReceiptView[] }) {
  const t = useTranslations("network.receipts");
  const format = useFormat();
  const columns = [
    col.accessor("at", {
      header: t("col.at"),
      cell: (c) => <span className="whitespace-nowrap">{format.dateTime(c.getValue(), "dateTime")}</span>,
    }),
    col.accessor("reference", {
      header: t("col.reference"),
      cell: (c) => <span className="font-mono text-sm font-semibold text-ink">{c.getValue()}</span>,
    }),
    col.accessor("items", {
      header: t("col.items"),
      cell: (c) => {
        const items = c.getValue();
        return (
          <span className="text-slate-600">
            {items
              .slice(0, 3)
              .map((i) => `${i.sku} × ${format.number(i.quantity)}`)
              .join(", ")}
            {items.length > 3 ? (
              <span className="ml-1 text-slate-400">{t("more", { count: items.length - 3 })}</span>
            ) : null}
          </span>
        );
      },
    }),
    col.accessor("lines", { header: t("col.lines"), ...numeric(format.number) }),
    col.accessor("units", { header: t("col.units"), ...numeric(format.number, "font-bold text-ink") }),
    col.accessor("actorName", { header: t("col.who"), cell: (c) => c.getValue() ?? "–" }),
  ];
  return (
    <DataTable
      data={rows}
      columns={columns}
      caption={t("listTitle")}
      empty={t("empty")}
      sortable={false}
      getRowId={(r) => r.id}
      testId="receipts"
    />
  );
}
