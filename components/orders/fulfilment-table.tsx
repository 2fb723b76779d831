"use client";

import { createColumnHelper, type SortingState } from "@tanstack/react-table";
import { useLocale, useTranslations } from "next-intl";
import { useFormat } from "@/lib/format";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { Button } from "@/components/ui/button";
import { DataTable } from "@/components/ui/data-table";
import { SelectField } from "@/components/ui/field";
import type { SellerOrderRow } from "@/lib/orders/fulfilment-queries";
import type { LocationRef } from "@/lib/orders/view";
import { FulfilmentRowActions } from "./fulfilment-row-actions";
import { StatusBadge } from "./status-badge";
import { orderNumber } from "@/lib/orders/order-number";

const STATUSES = ["confirmed", "accepted", "packed", "shipped", "delivered", "cancelled"] as const;
const SORTABLE = new Set(["createdAt", "status", "subtotal"]);
type Row = SellerOrderRow & { createdAtText: string };
/** A column's id: its own, or the key it reads. */
const columnId = (c: { id?: string; accessorKey?: unknown }) => c.id ?? String(c.accessorKey ?? "");
const col = createColumnHelper<Row>();

type Props = {
  basePath: string;
  /** `createdAtText` is formatted on the server, so server and browser render the same text. */
  rows: Row[];
  total: number;
  page: number;
  pageSize: number;
  locations: LocationRef[];
  filters: { status: string; locationId: string; sort: string };
};

/**
 * The fulfilment queue: TanStack Table in manual mode — filtering, sorting and pagination happen in the
 * database; the table only reflects the URL (so a reload, a link or the back button keep the view).
 */
export function FulfilmentTable({ basePath, rows, total, page, pageSize, locations, filters }: Props) {
  const t = useTranslations("fulfilment");
  const tr = useTranslations("orderRegions");
  const ts = useTranslations("orderStatus");
  const format = useFormat();
  const locale = useLocale();
  const router = useRouter();
  const [navigating, startNav] = useTransition();
  const pages = Math.max(1, Math.ceil(total / pageSize));

  function go(change: Partial<{ status: string; locationId: string; sort: string; page: number }>) {
    const next = { ...filters, page, ...change };
    if (!("page" in change)) next.page = 1;
    const qs = new URLSearchParams();
    if (next.status) qs.set("status", next.status);
    if (next.locationId) qs.set("locationId", next.locationId);
    if (next.sort && next.sort !== "-createdAt") qs.set("sort", next.sort);
    if (next.page > 1) qs.set("page", String(next.page));
    startNav(() => router.push(`${basePath}${qs.size ? `?${qs}` : ""}`));
  }

  const sorting: SortingState = [{ id: filters.sort.replace(/^-/, ""), desc: filters.sort.startsWith("-") }];
  const columns = [
    col.accessor("createdAt", {
      header: t("placedAt"),
      cell: (c) => (
        <div>
          <p className="font-mono text-xs font-semibold text-slate-700">
            {orderNumber(c.row.original.orderId)}
          </p>
          <p className="text-xs text-slate-500">{c.row.original.createdAtText}</p>
        </div>
      ),
    }),
    col.accessor((r) => r.sourceLocation.code, {
      id: "location",
      header: t("location"),
      cell: (c) => (
        <div>
          <p className="font-medium">
            {locale === "en" ? c.row.original.sourceLocation.nameEn : c.row.original.sourceLocation.name}
          </p>
          <p className="font-mono text-xs text-slate-400">{c.getValue()}</p>
        </div>
      ),
    }),
    col.display({
      id: "items",
      header: t("items"),
      cell: ({ row: { original: r } }) => (
        <ul className="text-xs">
          {r.items.map((i) => (
            <li key={i.variantId}>
              <span className="font-mono">{i.sku}</span> × {i.quantity}
            </li>
          ))}
        </ul>
      ),
    }),
    col.accessor((r) => r.shipTo.region, {
      id: "shipTo",
      header: t("shipTo"),
      cell: (c) => (
        <div className="text-xs">
          <p className="font-medium text-slate-700">{c.row.original.shipTo.name}</p>
          <p className="text-slate-500">{tr(c.getValue())}</p>
        </div>
      ),
    }),
    col.accessor("subtotal", {
      header: t("subtotal"),
      cell: (c) => <span className="tabular-nums">{format.krw(c.getValue())}</span>,
    }),
    col.accessor("status", { header: t("status"), cell: (c) => <StatusBadge status={c.getValue()} /> }),
    col.display({
      id: "actions",
      header: t("actions"),
      cell: ({ row: { original: r } }) => <FulfilmentRowActions row={r} />,
    }),
  ];

  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-end gap-3">
        <SelectField
          name="status"
          label={t("filterStatus")}
          value={filters.status}
          onChange={(e) => go({ status: e.target.value })}
          options={[
            { value: "", label: t("allStatuses") },
            ...STATUSES.map((s) => ({ value: s, label: ts(s) })),
          ]}
        />
        <SelectField
          name="locationId"
          label={t("filterLocation")}
          value={filters.locationId}
          onChange={(e) => go({ locationId: e.target.value })}
          options={[
            { value: "", label: t("allLocations") },
            ...locations.map((l) => ({
              value: l.id,
              label: `${locale === "en" ? l.nameEn : l.name} (${l.code})`,
            })),
          ]}
        />
        <p className="ml-auto text-sm text-slate-500" aria-live="polite">
          {navigating ? "…" : t("count", { total })}
        </p>
      </div>
      <DataTable
        data={rows}
        columns={columns.map((c) => ({ ...c, enableSorting: SORTABLE.has(columnId(c)) }))}
        caption={t("title")}
        empty={t("empty")}
        getRowId={(r) => r.id}
        rowAttributes={(r) => ({ "data-testid": "fulfilment-row", "data-order": r.orderId })}
        serverSorting={{
          state: sorting,
          onChange: (next) => {
            const s = next[0];
            if (s) go({ sort: `${s.desc ? "-" : ""}${s.id}` });
          },
        }}
      />
      <div className="flex items-center justify-between px-1 text-sm">
        <Button variant="ghost" type="button" disabled={page <= 1} onClick={() => go({ page: page - 1 })}>
          ← {t("prev")}
        </Button>
        <span className="text-slate-500">{t("page", { page, pages })}</span>
        <Button variant="ghost" type="button" disabled={page >= pages} onClick={() => go({ page: page + 1 })}>
          {t("next")} →
        </Button>
      </div>
    </div>
  );
}
