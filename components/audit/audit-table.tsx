"use client";

import { createColumnHelper } from "@tanstack/react-table";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { DataTable } from "@/components/ui/data-table";
import type { AuditItem, AuditRefs } from "@/lib/audit";
import { orderNumber } from "@/lib/orders/order-number";

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
  send_back: "bg-red-50 text-red-800 ring-red-200",
  discontinue: "bg-red-50 text-red-800 ring-red-200",
  publish: "bg-emerald-50 text-emerald-800 ring-emerald-200",
  refund: "bg-amber-50 text-amber-900 ring-amber-200",
};
const toneOf = (action: string) => TONE[action.split(".").pop()!] ?? "bg-sky-50 text-sky-800 ring-sky-200";

/**
 * One page of the audit trail. The database filters, orders (newest first) and pages it, so the
 * columns do not sort: sorting one page would misstate the order of the whole.
 */
export function AuditTable({ rows, refs }: { rows: AuditRow[]; refs: AuditRefs }) {
  const t = useTranslations("audit");
  const transferStatus = useTranslations("transfers.status");
  const orderStatus = useTranslations("orderStatus");
  const productStatus = useTranslations("catalog.labels.status");
  const format = useFormatter();
  const locale = useLocale();

  const named = (n: { name: string; nameEn: string } | undefined) =>
    n ? (locale === "en" ? n.nameEn : n.name) : undefined;
  const place = (id: unknown) => (typeof id === "string" ? (named(refs.locations[id]) ?? id) : "");
  const sku = (id: unknown) => (typeof id === "string" ? (refs.skus[id] ?? id.slice(-8)) : "");
  const STATUS = { transfer: transferStatus, seller_order: orderStatus, product: productStatus } as const;
  const statusOf = (r: AuditRow, s: unknown) => {
    const tr = STATUS[r.targetType as keyof typeof STATUS];
    return typeof s === "string" && tr ? tr(s) : String(s);
  };
  const value = (key: string, v: unknown) =>
    key === "price" && typeof v === "number"
      ? format.number(v, "krw")
      : typeof v === "boolean"
        ? t(v ? "detail.yes" : "detail.no")
        : v === null
          ? "—"
          : String(v);

  /** The detail as short phrases, in the page's language; keys it does not know are left out. */
  function describe(r: AuditRow): string[] {
    const d = r.detail;
    const out: string[] = [];
    if (typeof d.from === "string" && typeof d.to === "string")
      out.push(`${statusOf(r, d.from)} → ${statusOf(r, d.to)}`);
    if (d.fromLocationId && d.toLocationId) out.push(`${place(d.fromLocationId)} → ${place(d.toLocationId)}`);
    if (typeof d.variantId === "string") out.push(sku(d.variantId));
    if (typeof d.onHandBefore === "number")
      out.push(t("detail.onHand", { before: d.onHandBefore, after: Number(d.onHandAfter) }));
    if (Array.isArray(d.items))
      out.push(
        (d.items as { variantId?: string; quantity?: number }[])
          .map((i) => `${sku(i.variantId)} × ${i.quantity}`)
          .join(", "),
      );
    if (d.changes && typeof d.changes === "object")
      for (const [key, [before, after]] of Object.entries(d.changes as Record<string, [unknown, unknown]>))
        out.push(
          `${t.has(`detail.field.${key}`) ? t(`detail.field.${key}`) : key}: ${value(key, before)} → ${value(key, after)}`,
        );
    if (Array.isArray(d.fields))
      out.push(
        t("detail.fields", {
          fields: d.fields
            .map((f) => (t.has(`detail.field.${f}`) ? t(`detail.field.${f}`) : String(f)))
            .join(", "),
        }),
      );
    if (typeof d.groups === "number")
      out.push(
        t("detail.options", {
          groups: d.groups,
          added: Number(d.variantsAdded ?? 0),
          retired: Number(d.variantsRetired ?? 0),
        }),
      );
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
    if (typeof d.reference === "string") out.push(t("detail.reference", { text: d.reference }));
    if (typeof d.reason === "string") out.push(t("detail.reason", { text: d.reason }));
    if (typeof d.note === "string") out.push(t("detail.note", { text: d.note }));
    return out;
  }

  /** What the row acted on, as people name it: a place, a product, an order number, else the id's end. */
  function targetName(r: AuditRow): { text: string; mono: boolean } {
    if (r.targetType === "location") return { text: place(r.targetId), mono: false };
    const product = named(refs.products[r.targetId]);
    if (product) return { text: product, mono: false };
    if (r.targetType === "seller_order" && typeof r.detail.orderId === "string")
      return { text: `#${orderNumber(r.detail.orderId)}`, mono: true };
    return { text: r.targetId.slice(-8), mono: true };
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
        const name = targetName(r);
        return (
          <div className="min-w-32">
            <p className="text-xs font-semibold uppercase tracking-wide text-slate-400">
              {t(`target.${r.targetType}`)}
            </p>
            <p
              className={name.mono ? "font-mono text-xs text-slate-700" : "font-medium text-ink"}
              title={r.targetId}
            >
              {name.text}
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
