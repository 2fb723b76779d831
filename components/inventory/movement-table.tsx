"use client";

import { createColumnHelper } from "@tanstack/react-table";
import { useTranslations } from "next-intl";
import { numeric } from "@/components/ui/columns";
import { DataTable } from "@/components/ui/data-table";
import { useFormat } from "@/lib/format";
import type { Movement } from "@/lib/inventory/ledger";

const col = createColumnHelper<Movement>();
const REFS = ["order", "seller_order", "transfer", "seed", "adjustment", "receipt"];

/** A page of ledger rows (the server pages them, newest first): when, what, how much, which document, who, why. */
export function MovementTable({ rows, showModel }: { rows: Movement[]; showModel: boolean }) {
  const t = useTranslations("network.movements");
  const format = useFormat();
  const delta = (d: number) =>
    d === 0 ? (
      <span className="text-slate-300">0</span>
    ) : (
      <span className={d > 0 ? "text-emerald-700" : "text-red-700"}>
        {d > 0 ? `+${format.number(d)}` : `−${format.number(-d)}`}
      </span>
    );
  const columns = [
    col.accessor("at", {
      header: t("col.at"),
      cell: (c) => (
        <span className="whitespace-nowrap text-slate-700">{format.dateTime(c.getValue(), "dateTime")}</span>
      ),
    }),
    col.accessor("kind", {
      header: t("col.kind"),
      cell: (c) => (
        <span className="whitespace-nowrap font-medium text-ink">
          {t.has(`kind.${c.getValue()}`) ? t(`kind.${c.getValue()}`) : c.getValue()}
        </span>
      ),
    }),
    ...(showModel
      ? [
          col.accessor("sku", {
            header: t("col.model"),
            cell: (c) => <span className="font-mono text-xs">{c.getValue()}</span>,
          }),
        ]
      : []),
    col.accessor("onHandDelta", { header: t("col.onHand"), ...numeric(delta) }),
    col.accessor("reservedDelta", { header: t("col.reserved"), ...numeric(delta) }),
    col.accessor("refType", {
      header: t("col.document"),
      cell: ({ row: { original: m } }) => (
        <span className="whitespace-nowrap">
          {t(`ref.${REFS.includes(m.refType) ? m.refType : "other"}`)}
          {m.refType !== "seed" && m.refType !== "adjustment" ? (
            <span className="ml-1.5 font-mono text-xs text-slate-400">{m.refId.slice(0, 8)}</span>
          ) : null}
        </span>
      ),
    }),
    col.accessor("actorName", {
      header: t("col.who"),
      cell: (c) => c.getValue() ?? <span className="text-slate-400">{t("system")}</span>,
    }),
    col.accessor("note", {
      header: t("col.note"),
      meta: { className: "max-w-64" },
      // The seed's note ("Opening stock") only repeats the kind, in English.
      cell: (c) =>
        c.row.original.refType === "seed" ? null : (
          <span className="line-clamp-2 text-slate-600">{c.getValue()}</span>
        ),
    }),
  ];
  return (
    <DataTable
      data={rows}
      columns={columns}
      caption={t("title")}
      empty={t("empty")}
      sortable={false}
      testId="movements"
    />
  );
}
