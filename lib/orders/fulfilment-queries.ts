import { and, asc, count, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { locations, orderItems, orders, organisations, sellerOrders } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { authorize } from "@/lib/auth/policy";
import { allowedEvents, type FulfilmentEvent } from "./fulfilment-machine";
import type { SellerOrderStatus } from "./order-status";
import { FulfilmentQueueQuery } from "./schemas";
import { sellerOrderNotFound } from "./seller-order-access";
import { idOrNotFound } from "@/lib/validation";
import {
  fulfilmentTimes,
  iso,
  locationRef,
  orderLine,
  type FulfilmentTimes,
  type LocationRef,
  type OrderLine,
} from "./view";

/** A seller order as its fulfiller sees it: what to send, where to, and what can be done next. */
export type SellerOrderRow = FulfilmentTimes & {
  id: string;
  orderId: string;
  status: SellerOrderStatus;
  sellerId: string;
  sellerName: string;
  sellerNameEn: string;
  sourceLocation: LocationRef;
  subtotal: number;
  createdAt: string;
  shipTo: {
    name: string;
    phone: string;
    line1: string;
    line2: string | null;
    postalCode: string;
    region: string;
  };
  items: OrderLine[];
  /** The steps the state machine allows from here. */
  next: FulfilmentEvent[];
};

const SORTS: Record<string, SQL> = {
  createdAt: asc(sellerOrders.createdAt),
  "-createdAt": desc(sellerOrders.createdAt),
  status: asc(sellerOrders.status),
  "-status": desc(sellerOrders.status),
  subtotal: asc(sellerOrders.subtotal),
  "-subtotal": desc(sellerOrders.subtotal),
};

async function rowsOf(
  tx: Tx | Db,
  where: SQL | undefined,
  orderBy: SQL[],
  limit: number,
  offset: number,
): Promise<SellerOrderRow[]> {
  const parts = await tx
    .select({ so: sellerOrders, seller: organisations, loc: locations, address: orders.shippingAddress })
    .from(sellerOrders)
    .innerJoin(organisations, eq(organisations.id, sellerOrders.sellerId))
    .innerJoin(locations, eq(locations.id, sellerOrders.sourceLocationId))
    .innerJoin(orders, eq(orders.id, sellerOrders.orderId))
    .where(where)
    .orderBy(...orderBy, asc(sellerOrders.id))
    .limit(limit)
    .offset(offset);
  if (parts.length === 0) return [];
  const items = await tx
    .select()
    .from(orderItems)
    .where(
      inArray(
        orderItems.sellerOrderId,
        parts.map((p) => p.so.id),
      ),
    )
    .orderBy(asc(orderItems.sku));
  return parts.map(({ so, seller, loc, address }) => ({
    id: so.id,
    orderId: so.orderId,
    status: so.status,
    sellerId: so.sellerId,
    sellerName: seller.name,
    sellerNameEn: seller.nameEn,
    sourceLocation: locationRef(loc),
    subtotal: so.subtotal,
    createdAt: iso(so.createdAt)!,
    ...fulfilmentTimes(so),
    shipTo: { ...address, line2: address.line2 ?? null },
    items: items.filter((i) => i.sellerOrderId === so.id).map(orderLine),
    next: allowedEvents(so.status),
  }));
}

/** One seller order (after a verb changed it). No access check: the verb did it. */
export async function loadSellerOrderRow(tx: Tx | Db, id: string): Promise<SellerOrderRow> {
  const [row] = await rowsOf(tx, eq(sellerOrders.id, id), [], 1, 0);
  return row!;
}

/**
 * The fulfilment queue of the actor's organisation: the seller orders shipping from the locations it
 * runs, filtered, sorted and paginated in the database. Also the locations, for the filter.
 */
export async function fulfilmentQueue(tx: Tx | Db, actor: Actor | null, raw: unknown) {
  authorize(actor, "fulfilment:work:own-location");
  const q = FulfilmentQueueQuery.parse(raw);
  const org = actor.organisationId;
  const own = org
    ? await tx
        .select({
          id: locations.id,
          code: locations.code,
          kind: locations.kind,
          name: locations.name,
          nameEn: locations.nameEn,
          region: locations.region,
        })
        .from(locations)
        .where(eq(locations.operatorId, org))
        .orderBy(asc(locations.code))
    : [];
  const ids = own.map((l) => l.id);
  // A location filter outside the actor's own locations finds nothing (never another org's orders).
  const locationIds = q.locationId ? ids.filter((id) => id === q.locationId) : ids;
  if (locationIds.length === 0)
    return { items: [] as SellerOrderRow[], total: 0, page: q.page, pageSize: q.pageSize, locations: own };
  const where = and(
    inArray(sellerOrders.sourceLocationId, locationIds),
    q.status ? eq(sellerOrders.status, q.status) : undefined,
  );
  const [items, counted] = await Promise.all([
    rowsOf(tx, where, [SORTS[q.sort]!], q.pageSize, (q.page - 1) * q.pageSize),
    tx.select({ n: count() }).from(sellerOrders).where(where),
  ]);
  return { items, total: counted[0]?.n ?? 0, page: q.page, pageSize: q.pageSize, locations: own };
}

/** One seller order for staff: its operator or its seller; anyone else's is NotFound. */
export async function getSellerOrderFor(
  tx: Tx | Db,
  actor: Actor | null,
  rawId: unknown,
): Promise<SellerOrderRow> {
  authorize(actor, "fulfilment:work:own-location");
  const id = idOrNotFound(rawId, sellerOrderNotFound);
  const org = actor.organisationId;
  const [row] = await tx
    .select({ sellerId: sellerOrders.sellerId, operatorId: locations.operatorId })
    .from(sellerOrders)
    .innerJoin(locations, eq(locations.id, sellerOrders.sourceLocationId))
    .where(eq(sellerOrders.id, id));
  if (!row || !org || (row.sellerId !== org && row.operatorId !== org)) throw sellerOrderNotFound();
  return loadSellerOrderRow(tx, id);
}

export type LeadTime = {
  kind: LocationRef["kind"];
  delivered: number;
  avgHours: number;
  p50Hours: number;
  p90Hours: number;
};

/**
 * Delivery lead time (ordered → delivered) by the kind of place the part shipped from: the KPI the hubs
 * exist for. From the timestamps every fulfilment step records.
 */
export async function deliveryLeadTimes(tx: Tx | Db, since?: Date): Promise<LeadTime[]> {
  const rows = await tx.execute(sql`
    select l.kind, count(*)::int as delivered,
      round(avg(extract(epoch from so.delivered_at - so.created_at)) / 3600, 2)::float as "avgHours",
      round((percentile_cont(0.5) within group (order by extract(epoch from so.delivered_at - so.created_at)) / 3600)::numeric, 2)::float as "p50Hours",
      round((percentile_cont(0.9) within group (order by extract(epoch from so.delivered_at - so.created_at)) / 3600)::numeric, 2)::float as "p90Hours"
    from seller_orders so join locations l on l.id = so.source_location_id
    where so.status = 'delivered' and so.delivered_at is not null ${since ? sql`and so.created_at >= ${since.toISOString()}::timestamptz` : sql``}
    group by l.kind order by l.kind`);
  return rows as unknown as LeadTime[];
}
