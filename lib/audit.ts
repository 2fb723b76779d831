import { TZDate } from "@date-fns/tz";
import { addDays } from "date-fns";
import { and, asc, count, desc, eq, gte, inArray, lt, lte, ne, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Db, Tx } from "@/db/client";
import { auditLog, locations, products, users, variants } from "@/db/schema";
import { actorUserId, type Actor, type Role } from "@/lib/auth/actor";
import { authorize } from "@/lib/auth/policy";
import { TIME_ZONE } from "@/lib/i18n/config";
import { uuidv7 } from "@/lib/ids";
import { Id, Page, PageSize } from "@/lib/validation";

/**
 * The audit trail of staff actions: who did what to which thing, when, with a detail. Every staff verb
 * calls `recordAudit` with the transaction it runs in, so the row commits with the action or not at all.
 * Customers' own actions (placing an order, reserving) are not staff actions and are not recorded.
 */
export const AUDIT_ACTIONS = [
  "transfer.request",
  "transfer.approve",
  "transfer.reject",
  "transfer.ship",
  "transfer.receive",
  "transfer.cancel",
  "stock.adjust",
  "stock.receive",
  "stock.set_reorder_point",
  "seller_order.accept",
  "seller_order.pack",
  "seller_order.ship",
  "seller_order.deliver",
  "seller_order.cancel",
  "reservable.create",
  "reservable.generate_slots",
  "reservable.cancel",
  "reservable.cancel_day",
  "product.create",
  "product.update",
  "product.set_options",
  "product.add_image",
  "product.remove_image",
  "product.reorder_images",
  "variant.update",
  "product.submit",
  "product.approve",
  "product.send_back",
  "product.publish",
  "product.pause",
  "product.discontinue",
  "refund",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AUDIT_TARGET_TYPES = ["transfer", "seller_order", "reservable", "location", "product"] as const;
export type AuditTargetType = (typeof AUDIT_TARGET_TYPES)[number];

export type AuditEntry = {
  action: AuditAction;
  targetType: AuditTargetType;
  targetId: string;
  /** Safe-to-show facts: the states before and after, the reason, an amount. */
  detail?: Record<string, unknown>;
};

/**
 * Writes the audit row of an action in `tx`, the transaction of the action itself (the worker's actor id
 * is null). A staff cancel that refunds passes `refund`: a second row, `refund`, on the same target with
 * the amount, written only when something was refunded.
 */
export async function recordAudit(
  tx: Tx,
  actor: Actor,
  entry: AuditEntry & { refund?: { amount: number; detail?: Record<string, unknown> } },
): Promise<void> {
  // Ids are time-ordered; the refund's is a millisecond later, so it sorts right after its cancel.
  const ms = Date.now();
  const row = (action: AuditAction, detail: Record<string, unknown>, later = 0) => ({
    id: uuidv7(ms + later),
    actorId: actorUserId(actor),
    action,
    targetType: entry.targetType,
    targetId: entry.targetId,
    detail,
  });
  const rows = [row(entry.action, entry.detail ?? {})];
  if (entry.refund && entry.refund.amount > 0)
    rows.push(row("refund", { ...entry.refund.detail, amount: entry.refund.amount }, 1));
  await tx.insert(auditLog).values(rows);
}

/** A Seoul calendar day (`2026-05-01`) or an instant with its offset. */
const Moment = z.union([z.iso.date(), z.iso.datetime({ offset: true })], {
  error: "Must be a date (YYYY-MM-DD, Seoul) or a date-time with offset.",
});

/** `from`: a day counts from its Seoul midnight. `to`: a day counts to its end; an instant is included. */
function bounds(from?: string, to?: string) {
  const day = (s: string) => {
    const [y, m, d] = s.split("-").map(Number) as [number, number, number];
    return new Date(new TZDate(y, m - 1, d, 0, 0, TIME_ZONE).getTime());
  };
  const isDay = (s: string) => s.length === 10;
  return {
    from: from === undefined ? undefined : isDay(from) ? day(from) : new Date(from),
    to:
      to === undefined
        ? undefined
        : isDay(to)
          ? { before: addDays(day(to), 1), inclusive: false }
          : { before: new Date(to), inclusive: true },
  };
}

/** GET /api/audit's query (and the audit page's search params). */
export const AuditQuery = z
  .strictObject({
    actorId: Id.optional(),
    action: z.enum(AUDIT_ACTIONS, { error: "Unknown action." }).optional(),
    from: Moment.optional(),
    to: Moment.optional(),
    page: Page,
    pageSize: PageSize,
  })
  .superRefine((q, ctx) => {
    const b = bounds(q.from, q.to);
    if (b.from && b.to && (b.to.inclusive ? b.from > b.to.before : b.from >= b.to.before))
      ctx.addIssue({ code: "custom", path: ["to"], message: "Must not be before `from`." });
  });
export type AuditQuery = z.infer<typeof AuditQuery>;

export type AuditItem = {
  id: string;
  at: string;
  actorId: string | null;
  /** Null for the worker (`system`). */
  actorName: string | null;
  action: AuditAction;
  targetType: AuditTargetType;
  targetId: string;
  detail: Record<string, unknown>;
};

/** GET /api/audit: marketing reads every staff action, newest first, filtered by actor, action and time. */
export async function listAudit(db: Db | Tx, actor: Actor | null, rawQuery: unknown) {
  authorize(actor, "audit:read");
  const q = AuditQuery.parse(rawQuery);
  const b = bounds(q.from, q.to);
  const conds: SQL[] = [];
  if (q.actorId) conds.push(eq(auditLog.actorId, q.actorId));
  if (q.action) conds.push(eq(auditLog.action, q.action));
  if (b.from) conds.push(gte(auditLog.at, b.from));
  if (b.to) conds.push(b.to.inclusive ? lte(auditLog.at, b.to.before) : lt(auditLog.at, b.to.before));
  const where = conds.length ? and(...conds) : undefined;
  const [[counted], rows] = await Promise.all([
    db.select({ total: count() }).from(auditLog).where(where),
    db
      .select({ a: auditLog, actorName: users.name })
      .from(auditLog)
      .leftJoin(users, eq(users.id, auditLog.actorId))
      .where(where)
      .orderBy(desc(auditLog.at), desc(auditLog.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
  ]);
  const items: AuditItem[] = rows.map(({ a, actorName }) => ({
    id: a.id,
    at: a.at.toISOString(),
    actorId: a.actorId,
    actorName,
    action: a.action as AuditAction,
    targetType: a.targetType as AuditTargetType,
    targetId: a.targetId,
    detail: a.detail,
  }));
  return { items, total: counted?.total ?? 0, page: q.page, pageSize: q.pageSize };
}

/** Names for what a page of the trail refers to: locations, products and variants (by SKU). */
export type AuditRefs = {
  locations: Record<string, { name: string; nameEn: string }>;
  products: Record<string, { name: string; nameEn: string }>;
  skus: Record<string, string>;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const uuids = (xs: unknown[]) => [
  ...new Set(xs.filter((x): x is string => typeof x === "string" && UUID.test(x))),
];

/** Looks up the names a page of items refers to, in three queries at most (the trail stores ids only). */
export async function auditRefs(db: Db | Tx, items: AuditItem[]): Promise<AuditRefs> {
  const locationIds = uuids(
    items.flatMap((i) => [
      i.targetType === "location" ? i.targetId : null,
      i.detail.fromLocationId,
      i.detail.toLocationId,
    ]),
  );
  const productIds = uuids(items.map((i) => (i.targetType === "product" ? i.targetId : null)));
  const variantIds = uuids(
    items.flatMap((i) => [
      i.detail.variantId,
      ...(Array.isArray(i.detail.items)
        ? (i.detail.items as { variantId?: unknown }[]).map((x) => x.variantId)
        : []),
    ]),
  );
  const [locs, prods, vars] = await Promise.all([
    locationIds.length
      ? db
          .select({ id: locations.id, name: locations.name, nameEn: locations.nameEn })
          .from(locations)
          .where(inArray(locations.id, locationIds))
      : [],
    productIds.length
      ? db
          .select({ id: products.id, name: products.nameKo, nameEn: products.nameEn })
          .from(products)
          .where(inArray(products.id, productIds))
      : [],
    variantIds.length
      ? db
          .select({ id: variants.id, sku: variants.sku })
          .from(variants)
          .where(inArray(variants.id, variantIds))
      : [],
  ]);
  return {
    locations: Object.fromEntries(locs.map(({ id, ...names }) => [id, names])),
    products: Object.fromEntries(prods.map(({ id, ...names }) => [id, names])),
    skus: Object.fromEntries(vars.map((v) => [v.id, v.sku])),
  };
}

export type AuditActor = { id: string; name: string; email: string; role: Role };

/** The staff accounts, for the audit page's actor filter. */
export async function auditActors(db: Db | Tx, actor: Actor | null): Promise<AuditActor[]> {
  authorize(actor, "audit:read");
  return db
    .select({ id: users.id, name: users.name, email: users.email, role: users.role })
    .from(users)
    .where(ne(users.role, "customer"))
    .orderBy(asc(users.role), asc(users.name), asc(users.email));
}
