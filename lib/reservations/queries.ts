import { and, asc, desc, eq, gt, isNull, or, sql, type SQL } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { locations, products, reservables, reservations, variants, waitlistEntries } from "@/db/schema";
import type { Actor, UserActor } from "@/lib/auth/actor";
import { requireUser } from "@/lib/auth/policy";
import { sellablePrice } from "@/lib/catalog/sellable";
import { idOrNotFound } from "@/lib/validation";
import { managedCondition, requireStaff, reservationNotFound } from "./access";
import { ReservablesQuery } from "./schemas";

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : undefined);
/** Drops absent optional fields, so `reason?` is absent rather than null (the API contract). */
function compact<T extends Record<string, unknown>>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

const reservableColumns = {
  id: reservables.id,
  kind: reservables.kind,
  productId: reservables.productId,
  variantId: reservables.variantId,
  locationId: reservables.locationId,
  startsAt: reservables.startsAt,
  endsAt: reservables.endsAt,
  opensAt: reservables.opensAt,
  capacity: reservables.capacity,
  taken: reservables.taken,
  perCustomerLimit: reservables.perCustomerLimit,
  cancelDeadline: reservables.cancelDeadline,
  holdMinutes: reservables.holdMinutes,
  status: reservables.status,
  cancelledReason: reservables.cancelledReason,
  price: sellablePrice, // a reservable is only made for a priced variant, and a price is never unset
  sku: variants.sku,
  productNameKo: products.nameKo,
  productNameEn: products.nameEn,
  locationNameKo: locations.name,
  locationNameEn: locations.nameEn,
  locationRegion: locations.region,
  locationKind: locations.kind,
  variantNameKo: sql<
    string | null
  >`(select string_agg(ov.value_ko, ' · ' order by og.position) from variant_option_values vov
    join option_values ov on ov.id = vov.option_value_id join option_groups og on og.id = ov.group_id where vov.variant_id = ${variants.id})`,
  variantNameEn: sql<
    string | null
  >`(select string_agg(ov.value_en, ' · ' order by og.position) from variant_option_values vov
    join option_values ov on ov.id = vov.option_value_id join option_groups og on og.id = ov.group_id where vov.variant_id = ${variants.id})`,
};

type ReservableRow = {
  id: string;
  kind: "slot" | "preorder";
  productId: string;
  variantId: string;
  locationId: string | null;
  startsAt: Date | null;
  endsAt: Date | null;
  opensAt: Date | null;
  capacity: number;
  taken: number;
  perCustomerLimit: number | null;
  cancelDeadline: Date;
  holdMinutes: number;
  status: "open" | "cancelled";
  cancelledReason: string | null;
  price: number;
  sku: string;
  productNameKo: string;
  productNameEn: string;
  locationNameKo: string | null;
  locationNameEn: string | null;
  locationRegion: string | null;
  locationKind: string | null;
  variantNameKo: string | null;
  variantNameEn: string | null;
};

export function reservableView(r: ReservableRow) {
  return compact({
    id: r.id,
    kind: r.kind,
    productId: r.productId,
    variantId: r.variantId,
    locationId: r.locationId ?? undefined,
    startsAt: iso(r.startsAt),
    endsAt: iso(r.endsAt),
    opensAt: iso(r.opensAt),
    capacity: r.capacity,
    available: r.status === "cancelled" ? 0 : Math.max(0, r.capacity - r.taken),
    perCustomerLimit: r.perCustomerLimit,
    cancelDeadline: r.cancelDeadline.toISOString(),
    holdMinutes: r.holdMinutes,
    status: r.status,
    price: r.price,
    sku: r.sku,
    productName: { ko: r.productNameKo, en: r.productNameEn },
    variantName: { ko: r.variantNameKo ?? "", en: r.variantNameEn ?? "" },
    location: r.locationId
      ? {
          id: r.locationId,
          name: { ko: r.locationNameKo ?? "", en: r.locationNameEn ?? "" },
          region: r.locationRegion,
          kind: r.locationKind,
        }
      : undefined,
  });
}
export type ReservableView = ReturnType<typeof reservableView>;

/**
 * `GET /api/reservables`: what customers can reserve now: open, not started, of an on-sale product,
 * soonest first. Anyone may ask.
 */
export async function listReservables(db: Db | Tx, raw: unknown): Promise<ReservableView[]> {
  const q = ReservablesQuery.parse(raw);
  const where: (SQL | undefined)[] = [
    eq(reservables.status, "open"),
    eq(products.status, "on_sale"),
    or(isNull(reservables.startsAt), gt(reservables.startsAt, sql`now()`)),
    q.productId ? eq(reservables.productId, q.productId) : undefined,
    q.locationId ? eq(reservables.locationId, q.locationId) : undefined,
    q.kind ? eq(reservables.kind, q.kind) : undefined,
  ];
  const rows = await db
    .select(reservableColumns)
    .from(reservables)
    .innerJoin(products, eq(products.id, reservables.productId))
    .innerJoin(variants, eq(variants.id, reservables.variantId))
    .leftJoin(locations, eq(locations.id, reservables.locationId))
    .where(and(...where))
    .orderBy(asc(reservables.startsAt), asc(locations.code), asc(variants.sku))
    .limit(2000);
  return rows.map(reservableView);
}

const queuePosition = sql<number | null>`case when ${reservations.status} = 'pending' then (
    select count(*)::int + 1 from reservations p
    where p.reservable_id = ${reservations.reservableId} and p.status = 'pending' and p.seq < ${reservations.seq}) end`;

const reservationColumns = {
  id: reservations.id,
  reservableId: reservations.reservableId,
  quantity: reservations.quantity,
  status: reservations.status,
  reason: reservations.reason,
  queuePosition,
  holdExpiresAt: reservations.holdExpiresAt,
  paidAt: reservations.paidAt,
  cancelledAt: reservations.cancelledAt,
  cancelReason: reservations.cancelReason,
  waitlistEntryId: reservations.waitlistEntryId,
  attendance: reservations.attendance,
  attendanceAt: reservations.attendanceAt,
  /** The order a released pre-order became (lib/reservations/release-preorders.ts). */
  orderId: sql<string | null>`(select o.id from orders o where o.reservation_id = ${reservations.id})`,
  createdAt: reservations.createdAt,
  r: reservableColumns,
};

type ReservationRow = {
  id: string;
  reservableId: string;
  quantity: number;
  status: (typeof reservations.$inferSelect)["status"];
  reason: string | null;
  queuePosition: number | null;
  holdExpiresAt: Date | null;
  paidAt: Date | null;
  cancelledAt: Date | null;
  cancelReason: string | null;
  waitlistEntryId: string | null;
  attendance: "checked_in" | "no_show" | null;
  attendanceAt: Date | null;
  orderId: string | null;
  createdAt: Date;
  r: ReservableRow;
};

export function reservationView(x: ReservationRow) {
  return compact({
    id: x.id,
    reservableId: x.reservableId,
    quantity: x.quantity,
    status: x.status,
    reason: x.reason ?? undefined,
    queuePosition: x.queuePosition ?? undefined,
    holdExpiresAt: x.status === "confirmed" ? iso(x.holdExpiresAt) : undefined,
    paidAt: iso(x.paidAt),
    cancelledAt: iso(x.cancelledAt),
    cancelReason: x.cancelReason ?? undefined,
    fromWaitlist: x.waitlistEntryId !== null,
    attendance: x.attendance ?? undefined,
    attendanceAt: iso(x.attendanceAt),
    orderId: x.orderId ?? undefined,
    amount: x.r.price * x.quantity,
    createdAt: x.createdAt.toISOString(),
    reservable: reservableView(x.r),
  });
}
export type ReservationView = ReturnType<typeof reservationView>;

function reservationQuery(db: Db | Tx) {
  return db
    .select(reservationColumns)
    .from(reservations)
    .innerJoin(reservables, eq(reservables.id, reservations.reservableId))
    .innerJoin(products, eq(products.id, reservables.productId))
    .innerJoin(variants, eq(variants.id, reservables.variantId))
    .leftJoin(locations, eq(locations.id, reservables.locationId));
}

/** `GET /api/reservations`: the customer's own, newest first. */
export async function myReservations(db: Db | Tx, actor: Actor | null): Promise<ReservationView[]> {
  const me = requireUser(actor, "reservation:request");
  const rows = await reservationQuery(db)
    .where(eq(reservations.customerId, me.id))
    .orderBy(desc(reservations.createdAt), desc(reservations.seq))
    .limit(200);
  return rows.map(reservationView);
}

/** `GET /api/reservations/{id}`: the customer's own; anyone else's is 404. */
export async function reservationFor(db: Db | Tx, actor: Actor | null, id: string): Promise<ReservationView> {
  const me = requireUser(actor, "reservation:request");
  const [row] = await reservationQuery(db).where(
    and(eq(reservations.id, idOrNotFound(id, reservationNotFound)), eq(reservations.customerId, me.id)),
  );
  if (!row) throw reservationNotFound();
  return reservationView(row);
}

/** The live view's refresh: this customer's reservations on these reservables (or all, newest 200). */
export async function reservationsForLive(db: Db | Tx, customerId: string, reservableIds?: string[]) {
  const where = reservableIds
    ? and(
        eq(reservations.customerId, customerId),
        sql`${reservations.reservableId} = any(${sql.param(reservableIds)}::uuid[])`,
      )
    : eq(reservations.customerId, customerId);
  const rows = await reservationQuery(db).where(where).orderBy(desc(reservations.createdAt)).limit(200);
  return rows.map(reservationView);
}

export async function waitlistReservableIds(db: Db | Tx, customerId: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ id: waitlistEntries.reservableId })
    .from(waitlistEntries)
    .where(and(eq(waitlistEntries.customerId, customerId), eq(waitlistEntries.status, "waiting")));
  return rows.map((r) => r.id);
}

/** The customer's places in waiting lists. */
export async function myWaitlist(db: Db | Tx, actor: UserActor) {
  const rows = await db
    .select({
      id: waitlistEntries.id,
      quantity: waitlistEntries.quantity,
      status: waitlistEntries.status,
      position: sql<number | null>`case when ${waitlistEntries.status} = 'waiting' then (
        select count(*)::int from waitlist_entries w2
        where w2.reservable_id = ${waitlistEntries.reservableId} and w2.status = 'waiting' and w2.seq <= ${waitlistEntries.seq}) end`,
      createdAt: waitlistEntries.createdAt,
      r: reservableColumns,
    })
    .from(waitlistEntries)
    .innerJoin(reservables, eq(reservables.id, waitlistEntries.reservableId))
    .innerJoin(products, eq(products.id, reservables.productId))
    .innerJoin(variants, eq(variants.id, reservables.variantId))
    .leftJoin(locations, eq(locations.id, reservables.locationId))
    .where(and(eq(waitlistEntries.customerId, actor.id), eq(waitlistEntries.status, "waiting")))
    .orderBy(desc(waitlistEntries.createdAt));
  return rows.map((w) => ({
    id: w.id,
    quantity: w.quantity,
    status: w.status,
    position: w.position,
    reservable: reservableView(w.r),
  }));
}

const counts = {
  pending: sql<number>`(select count(*)::int from reservations x where x.reservable_id = ${reservables.id} and x.status = 'pending')`,
  confirmed: sql<number>`(select coalesce(sum(x.quantity), 0)::int from reservations x where x.reservable_id = ${reservables.id} and x.status = 'confirmed')`,
  paid: sql<number>`(select coalesce(sum(x.quantity), 0)::int from reservations x where x.reservable_id = ${reservables.id} and x.status = 'paid')`,
  waiting: sql<number>`(select count(*)::int from waitlist_entries w where w.reservable_id = ${reservables.id} and w.status = 'waiting')`,
};

/** Staff: the reservables this actor runs, with live counts (pending requests, confirmed and paid quantity). */
export async function managedReservables(db: Db | Tx, actor: Actor | null, ids?: string[]) {
  const staff = requireStaff(actor);
  const rows = await db
    .select({ ...reservableColumns, ...counts, cancelledAt: reservables.cancelledAt })
    .from(reservables)
    .innerJoin(products, eq(products.id, reservables.productId))
    .innerJoin(variants, eq(variants.id, reservables.variantId))
    .leftJoin(locations, eq(locations.id, reservables.locationId))
    .where(
      and(managedCondition(staff), ids ? sql`${reservables.id} = any(${sql.param(ids)}::uuid[])` : undefined),
    )
    .orderBy(asc(reservables.kind), asc(reservables.startsAt), asc(locations.code))
    .limit(5000);
  return rows.map((r) => ({
    ...reservableView(r),
    taken: r.taken,
    cancelledReason: r.cancelledReason ?? undefined,
    counts: { pending: r.pending, confirmed: r.confirmed, paid: r.paid, waiting: r.waiting },
  }));
}
export type ManagedReservable = Awaited<ReturnType<typeof managedReservables>>[number];

/** Staff: the hubs where this actor may create slots, and the reservation products they may use. */
export async function staffChoices(db: Db | Tx, actor: Actor | null) {
  const staff = requireStaff(actor);
  const hubs = await db
    .select({ id: locations.id, nameKo: locations.name, nameEn: locations.nameEn, kind: locations.kind })
    .from(locations)
    .where(
      and(
        eq(locations.operatorId, staff.organisationId!),
        sql`${locations.kind} in ('org_hub', 'dealer_hub')`,
      ),
    )
    .orderBy(asc(locations.code));
  const variantRows = await db
    .select({
      id: variants.id,
      sku: variants.sku,
      productId: products.id,
      nameKo: products.nameKo,
      nameEn: products.nameEn,
      sellerId: products.sellerId,
    })
    .from(variants)
    .innerJoin(products, eq(products.id, variants.productId))
    .where(
      and(eq(products.type, "reservation"), sql`${products.status} in ('approved', 'on_sale', 'paused')`),
    )
    .orderBy(asc(products.nameKo), asc(variants.sku));
  const preorderVariants =
    staff.role === "marketing"
      ? variantRows
      : staff.role === "seller"
        ? variantRows.filter((v) => v.sellerId === staff.organisationId)
        : [];
  // Where a pre-order may ship from once released: marketing any center, hub or warehouse (the server
  // checks it fits the product's seller), a seller its own warehouses.
  const preorderSources =
    preorderVariants.length === 0
      ? []
      : await db
          .select({
            id: locations.id,
            nameKo: locations.name,
            nameEn: locations.nameEn,
            kind: locations.kind,
          })
          .from(locations)
          .where(
            staff.role === "marketing"
              ? undefined
              : and(eq(locations.operatorId, staff.organisationId!), eq(locations.kind, "seller_warehouse")),
          )
          .orderBy(asc(locations.kind), asc(locations.code));
  return { hubs, slotVariants: hubs.length > 0 ? variantRows : [], preorderVariants, preorderSources };
}
