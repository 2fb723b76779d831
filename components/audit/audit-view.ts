import type { AuditItem, AuditRefs } from "@/lib/audit";
import { orderNumber } from "@/lib/orders/order-number";

/** One row of the audit table as people read it: every text is made on the server, in the page's language. */
export type AuditRowView = {
  id: string;
  atText: string;
  actorText: string;
  /** The worker acted (no staff member). */
  system: boolean;
  action: string;
  actionText: string;
  targetKindText: string;
  targetText: string;
  /** An id's end rather than a name: shown in monospace. */
  targetIsId: boolean;
  targetId: string;
  detail: string[];
};

type Translate = ((key: string, values?: Record<string, string | number>) => string) & {
  has: (key: string) => boolean;
};

export type AuditViewTools = {
  /** The `audit` messages. */
  t: Translate;
  /** Status names by target type (transfer, seller order and product statuses differ). */
  status: Partial<Record<AuditItem["targetType"], Translate>>;
  locale: string;
  /** The page's one formatter of moments (Seoul) and amounts (KRW). */
  moment: (iso: string) => string;
  krw: (amount: number) => string;
};

/** The audit items of a page, ready to show: names for ids, phrases for the detail. */
export function auditRowViews(items: AuditItem[], refs: AuditRefs, tools: AuditViewTools): AuditRowView[] {
  const { t, locale } = tools;
  const named = (n: { name: string; nameEn: string } | undefined) =>
    n ? (locale === "en" ? n.nameEn : n.name) : undefined;
  const place = (id: unknown) => (typeof id === "string" ? (named(refs.locations[id]) ?? id) : "");
  const sku = (id: unknown) => (typeof id === "string" ? (refs.skus[id] ?? id.slice(-8)) : "");
  const field = (key: string) => (t.has(`detail.field.${key}`) ? t(`detail.field.${key}`) : key);
  const value = (key: string, v: unknown) =>
    key === "price" && typeof v === "number"
      ? tools.krw(v)
      : typeof v === "boolean"
        ? t(v ? "detail.yes" : "detail.no")
        : v === null
          ? "—"
          : String(v);

  /** The detail as short phrases; keys it does not know are left out. */
  function describe(r: AuditItem): string[] {
    const d = r.detail;
    const status = (s: string) => tools.status[r.targetType]?.(s) ?? s;
    const out: string[] = [];
    if (typeof d.from === "string" && typeof d.to === "string")
      out.push(`${status(d.from)} → ${status(d.to)}`);
    if (d.fromLocationId && d.toLocationId) out.push(`${place(d.fromLocationId)} → ${place(d.toLocationId)}`);
    if (typeof d.variantId === "string") out.push(sku(d.variantId));
    if (typeof d.onHandBefore === "number")
      out.push(t("detail.onHand", { before: d.onHandBefore, after: Number(d.onHandAfter) }));
    if (typeof d.reorderPointAfter === "number")
      out.push(
        t("detail.reorderPoint", { before: String(d.reorderPointBefore ?? "–"), after: d.reorderPointAfter }),
      );
    if (Array.isArray(d.items))
      out.push(
        (d.items as { variantId?: string; quantity?: number }[])
          .map((i) => `${sku(i.variantId)} × ${i.quantity}`)
          .join(", "),
      );
    if (d.changes && typeof d.changes === "object")
      for (const [key, [before, after]] of Object.entries(d.changes as Record<string, [unknown, unknown]>))
        out.push(`${field(key)}: ${value(key, before)} → ${value(key, after)}`);
    if (Array.isArray(d.fields))
      out.push(t("detail.fields", { fields: d.fields.map((f) => field(String(f))).join(", ") }));
    if (typeof d.groups === "number")
      out.push(
        t("detail.options", {
          groups: d.groups,
          added: Number(d.variantsAdded ?? 0),
          retired: Number(d.variantsRetired ?? 0),
        }),
      );
    if (typeof d.position === "number") out.push(t("detail.position", { n: d.position + 1 }));
    if (Array.isArray(d.imageIds)) out.push(t("detail.images", { count: d.imageIds.length }));
    if (typeof d.amount === "number") out.push(t("detail.amount", { amount: tools.krw(d.amount) }));
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
  function target(r: AuditItem): { text: string; isId: boolean } {
    if (r.targetType === "location") return { text: place(r.targetId), isId: false };
    const product = named(refs.products[r.targetId]);
    if (product) return { text: product, isId: false };
    if (r.targetType === "seller_order" && typeof r.detail.orderId === "string")
      return { text: `#${orderNumber(r.detail.orderId)}`, isId: true };
    return { text: r.targetId.slice(-8), isId: true };
  }

  return items.map((r) => {
    const on = target(r);
    return {
      id: r.id,
      atText: tools.moment(r.at),
      actorText: r.actorName ?? t("system"),
      system: r.actorId === null,
      action: r.action,
      actionText: t(`actions.${r.action}`),
      targetKindText: t(`target.${r.targetType}`),
      targetText: on.text,
      targetIsId: on.isId,
      targetId: r.targetId,
      detail: describe(r),
    };
  });
}
