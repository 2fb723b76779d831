"use client";

import { createColumnHelper } from "@tanstack/react-table";
import { useFormatter, useTranslations } from "next-intl";
import { DataTable } from "@/components/ui/data-table";
import type { AuditItem } from "@/lib/audit";

/** `atText` is formatted on the server (Seoul time), so server and browser render the same text. */
export type AuditRow = AuditItem & { atText: string };

const col = createColumnHelper<AuditRow>();

const TONE: Record<string, string> = {
  approve: "bg-emerald-50 text-emerald-800 ring-emerald-200",
  receive: "bg-emerald-50 text-emerald-800 ring-emerald-200",
  deliver: "bg-emerald-50 text-emerald-800 ring-emerald-200",
  reject: "bg-red-50 text-red-800 ring-red-200",
  cancel: "bg-red-50 text-red-800 ring-red-200",
  cancel_day: "bg-red-50 text-red-800 ring-red-200",
  refund: "bg-amber-50 text-amber-900 ring-amber-200",
};
const toneOf = (action: string) => TONE[action.split(".").pop()!] ?? "bg-sky-50 text-sky-800 ring-sky-200";

/**
 * One page of the audit trail. The database filters, orders (newest first) and pages it, so the
 * columns do not sort: sorting one page would misstate the order of the whole.
 */
export function AuditTable({
  rows,
  locationNames,
}: {
  rows: AuditRow[];
  locationNames: Record<string, string>;
}) {
  const t = useTranslations("audit");
  const transferStatus = useTranslations("transfers.status");
  const orderStatus = useTranslations("orderStatus");
  const format = useFormatter();

  const place = (id: unknown) => (typeof id === "string" ? (locationNames[id] ?? id) : "");
  const statusOf = (r: AuditRow, s: unknown) =>
    typeof s !== "string" ? "" : r.targetType === "transfer" ? transferStatus(s) : orderStatus(s);

  /** The detail as short phrases, in the page's language; keys it does not know are left out. */
  function describe(r: AuditRow): string[] {
    const d = r.detail;
    const out: string[] = [];
    if (d.from && d.to && r.targetType !== "location")
      out.push(`${statusOf(r, d.from)} → ${statusOf(r, d.to)}`);
    if (d.fromLocationId && d.toLocationId) out.push(`${place(d.fromLocationId)} → ${place(d.toLocationId)}`);
    if (Array.isArray(d.items)) {
      const units = (d.items as { quantity?: number }[]).reduce((s, i) => s + (i.quantity ?? 0), 0);
      out.push(t("detail.items", { lines: d.items.length, units }));
    }
    if (typeof d.amount === "number")
      out.push(t("detail.amount", { amount: format.number(d.amount, "krw") }));
    if (typeof d.refunds === "number") out.push(t("detail.refunds", { count: d.refunds }));
    if (typeof d.capacity === "number") out.push(t("detail.capacity", { count: d.capacity }));
    if (typeof d.created === "number") out.push(t("detail.created", { count: d.created }));
    if (typeof d.date === "string") out.push(t("detail.date", { date: d.date }));
    if (typeof d.fromDate === "string")
      out.push(t("detail.days", { date: d.fromDate, count: Number(d.days ?? 1) }));
    if (typeof d.cancelledSlots === "number")
      out.push(t("detail.cancelledSlots", { count: d.cancelledSlots }));
    if (typeof d.cancelledReservations === "number")
      out.push(t("detail.cancelledReservations", { count: d.cancelledReservations }));
    if (typeof d.reason === "string") out.push(t("detail.reason", { text: d.reason }));
    if (typeof d.note === "string") out.push(t("detail.note", { text: d.note }));
    return out;
  }

  const columns = [
    col.accessor("atText", {
      header: t("col.at"),
      enableSorting: false,
      cell: (c) => <span className="whitespace-nowrap tabular-nums text-slate-600">{c.getValue()}</span>,
    }),
    col.accessor((r) => r.actorName ?? t("system"), {
      id: "actor",
      header: t("col.actor"),
      enableSorting: false,
      cell: (c) => (
        <span className={c.row.original.actorId ? "font-medium text-ink" : "italic text-slate-500"}>
          {c.getValue()}
        </span>
      ),
    }),
    col.accessor("action", {
      header: t("col.action"),
      enableSorting: false,
      cell: (c) => (
        <span
          className={`whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-semibold ring-1 ${toneOf(c.getValue())}`}
        >
          {t(`actions.${c.getValue()}`)}
        </span>
      ),
    }),
    col.accessor("targetId", {
      header: t("col.target"),
      enableSorting: false,
      cell: (c) => {
        const r = c.row.original;
        return (
          <div className="min-w-32">
            <p className="text-xs font-semibold uppercase tracking-wide text-slate-400">
              {t(`target.${r.targetType}`)}
            </p>
            {r.targetType === "location" ? (
              <p className="font-medium text-ink">{place(r.targetId)}</p>
            ) : (
              <p className="font-mono text-xs text-slate-700" title={r.targetId}>
                {r.targetId.slice(-8)}
              </p>
            )}
          </div>
        );
      },
    }),
    col.display({
      id: "detail",
      header: t("col.detail"),
      cell: (c) => (
        <ul className="flex min-w-56 flex-wrap gap-x-3 gap-y-0.5 text-xs text-slate-600">
          {describe(c.row.original).map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      ),
    }),
  ];

  return (
    <DataTable
      data={rows}
      columns={columns}
      caption={t("listTitle")}
      empty={t("empty")}
      getRowId={(r) => r.id}
      testId="audit-table"
    />
  );
}
