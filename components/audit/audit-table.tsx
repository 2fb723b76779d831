"use client";

import { createColumnHelper } from "@tanstack/react-table";
import { useTranslations } from "next-intl";
import { DataTable } from "@/components/ui/data-table";
import type { AuditRowView } from "./audit-view";

const col = createColumnHelper<AuditRowView>();

const TONE: Record<string, string> = {
  approve: "bg-emerald-50 text-emerald-800 ring-emerald-200",
  receive: "bg-emerald-50 text-emerald-800 ring-emerald-200",
  deliver: "bg-emerald-50 text-emerald-800 ring-emerald-200",
  reject: "bg-red-50 text-red-800 ring-red-200",
  cancel: "bg-red-50 text-red-800 ring-red-200",
  cancel_day: "bg-red-50 text-red-800 ring-red-200",
  send_back: "bg-red-50 text-red-800 ring-red-200",
  discontinue: "bg-red-50 text-red-800 ring-red-200",
  publish: "bg-emerald-50 text-emerald-800 ring-emerald-200",
  refund: "bg-amber-50 text-amber-900 ring-amber-200",
};
const toneOf = (action: string) => TONE[action.split(".").pop()!] ?? "bg-sky-50 text-sky-800 ring-sky-200";

/**
 * One page of the audit trail, its texts made on the server (components/audit/audit-view.ts). The
 * database filters, orders (newest first) and pages it, so the columns do not sort: sorting one page
 * would misstate the order of the whole.
 */
export function AuditTable({ rows }: { rows: AuditRowView[] }) {
  const t = useTranslations("audit");
  const columns = [
    col.accessor("atText", {
      header: t("col.at"),
      enableSorting: false,
      cell: (c) => <span className="whitespace-nowrap tabular-nums text-slate-600">{c.getValue()}</span>,
    }),
    col.accessor("actorText", {
      header: t("col.actor"),
      enableSorting: false,
      cell: (c) => (
        <span className={c.row.original.system ? "italic text-slate-500" : "font-medium text-ink"}>
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
          {c.row.original.actionText}
        </span>
      ),
    }),
    col.accessor("targetText", {
      header: t("col.target"),
      enableSorting: false,
      cell: (c) => {
        const r = c.row.original;
        return (
          <div className="min-w-32">
            <p className="text-xs font-semibold uppercase tracking-wide text-slate-400">{r.targetKindText}</p>
            <p
              className={r.targetIsId ? "font-mono text-xs text-slate-700" : "font-medium text-ink"}
              title={r.targetId}
            >
              {r.targetText}
            </p>
          </div>
        );
      },
    }),
    col.display({
      id: "detail",
      header: t("col.detail"),
      cell: (c) => (
        <ul className="flex min-w-56 flex-wrap gap-x-3 gap-y-0.5 text-xs text-slate-600">
          {c.row.original.detail.map((line) => (
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
