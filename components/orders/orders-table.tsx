"use client";

import { createColumnHelper, flexRender, getCoreRowModel, useReactTable } from "@tanstack/react-table";
import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { useFormat } from "@/lib/format";
import type { MyOrderRow } from "@/lib/orders/order-queries";
import { StatusBadge } from "./status-badge";
import { orderNumber } from "@/lib/orders/order-number";

const col = createColumnHelper<MyOrderRow & { createdAtText: string }>();

/** My orders: a server-paginated table (the page passes one page of rows). */
/** `createdAtText` is formatted on the server, so server and browser render the same text (their ICU data differ). */
export function OrdersTable({
  rows,
  page,
  pages,
}: {
  rows: (MyOrderRow & { createdAtText: string })[];
  page: number;
  pages: number;
}) {
  const t = useTranslations("orders");
  const format = useFormat();
  const locale = useLocale();
  const columns = [
    col.accessor("id", {
      header: t("number"),
      cell: (c) => (
        <Link
          href={`/orders/${c.getValue()}`}
          className="font-mono text-sm font-semibold text-brand-600 hover:underline"
        >
          {orderNumber(c.getValue())}
        </Link>
      ),
    }),
    col.accessor("createdAtText", { header: t("date") }),
    col.display({
      id: "items",
      header: t("items"),
      cell: ({ row: { original: o } }) => {
        const name = locale === "en" ? o.firstItemNameEn : o.firstItemName;
        return o.itemCount > 1 ? t("itemsSummary", { name, more: o.itemCount - 1 }) : name;
      },
    }),
    col.accessor("sellerOrderCount", { header: t("parts"), cell: (c) => c.getValue() }),
    col.accessor("total", {
      header: t("total"),
      cell: (c) => <span className="tabular-nums">{format.krw(c.getValue())}</span>,
    }),
    col.accessor("status", { header: t("status"), cell: (c) => <StatusBadge status={c.getValue()} /> }),
  ];
  // TanStack Table returns fresh functions each render; the React Compiler skips memoizing this component, as intended.
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({
    data: rows,
    columns,
    getCoreRowModel: getCoreRowModel(),
    manualPagination: true,
    pageCount: pages,
  });
  return (
    <div className="overflow-hidden rounded-2xl border border-slate-200 bg-white shadow-sm">
      <div className="overflow-x-auto">
        <table className="w-full text-left text-sm">
          <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
            {table.getHeaderGroups().map((hg) => (
              <tr key={hg.id}>
                {hg.headers.map((h) => (
                  <th key={h.id} className="px-4 py-3 font-semibold">
                    {flexRender(h.column.columnDef.header, h.getContext())}
                  </th>
                ))}
              </tr>
            ))}
          </thead>
          <tbody className="divide-y divide-slate-100">
            {table.getRowModel().rows.map((r) => (
              <tr key={r.id} data-testid="order-row" className="hover:bg-slate-50">
                {r.getVisibleCells().map((c) => (
                  <td key={c.id} className="px-4 py-3 align-middle">
                    {flexRender(c.column.columnDef.cell, c.getContext())}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {pages > 1 ? (
        <div className="flex items-center justify-between border-t border-slate-100 px-4 py-3 text-sm">
          <Link
            aria-disabled={page <= 1}
            href={`/orders?page=${page - 1}`}
            className={page <= 1 ? "pointer-events-none text-slate-300" : "text-brand-600 hover:underline"}
          >
            ← {t("prev")}
          </Link>
          <span className="text-slate-500">
            {page} / {pages}
          </span>
          <Link
            aria-disabled={page >= pages}
            href={`/orders?page=${page + 1}`}
            className={
              page >= pages ? "pointer-events-none text-slate-300" : "text-brand-600 hover:underline"
            }
          >
            {t("next")} →
          </Link>
        </div>
      ) : null}
    </div>
  );
}
