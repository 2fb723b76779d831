"use client";

import { createColumnHelper } from "@tanstack/react-table";
import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { DataTable } from "@/components/ui/data-table";
import { PaginationLinks } from "@/components/ui/pagination-links";
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
  return (
    <div className="flex flex-col gap-4">
      <DataTable
        data={rows}
        columns={columns}
        caption={t("title")}
        sortable={false}
        getRowId={(r) => r.id}
        rowAttributes={() => ({ "data-testid": "order-row" })}
      />
      <PaginationLinks page={page} pages={pages} hrefFor={(p) => `/orders?page=${p}`} label={t("title")} />
    </div>
  );
}
