import { and, asc, count, desc, eq, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db, Tx } from "@/db/client";
import {
  locations,
  orderItems,
  orders,
  organisations,
  sellerOrderEvents,
  sellerOrders,
  users,
} from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { authorize } from "@/lib/auth/policy";
import { NotFound, Unauthenticated } from "@/lib/errors";
import { idOrNotFound } from "@/lib/validation";
import { MyOrdersQuery } from "./schemas";
import { fulfilmentTimes, iso, locationRef, orderLine, type OrderView } from "./view";

export function orderNotFound() {
  return new NotFound("order.not_found", "No such order.");
}

/** The whole order, as stored, or null. No access check: callers decide who may see what. */
export async function loadOrderView(tx: Tx | Db, orderId: string): Promise<OrderView | null> {
  const [order] = await tx.select().from(orders).where(eq(orders.id, orderId));
  if (!order) return null;
  const actorUser = alias(users, "actor_user");
  const [parts, items, events] = await Promise.all([
    tx
      .select({ so: sellerOrders, seller: organisations, loc: locations })
      .from(sellerOrders)
      .innerJoin(organisations, eq(organisations.id, sellerOrders.sellerId))
      .innerJoin(locations, eq(locations.id, sellerOrders.sourceLocationId))
      .where(eq(sellerOrders.orderId, orderId))
      .orderBy(asc(sellerOrders.id)),
    tx.select().from(orderItems).where(eq(orderItems.orderId, orderId)).orderBy(asc(orderItems.sku)),
    tx
      .select({ ev: sellerOrderEvents, actorRole: actorUser.role })
      .from(sellerOrderEvents)
      .innerJoin(sellerOrders, eq(sellerOrders.id, sellerOrderEvents.sellerOrderId))
      .leftJoin(actorUser, eq(actorUser.id, sellerOrderEvents.actorUserId))
      .where(eq(sellerOrders.orderId, orderId))
      .orderBy(asc(sellerOrderEvents.createdAt), asc(sellerOrderEvents.id)),
  ]);
  return {
    id: order.id,
    status: order.status,
    total: order.total,
    shippingFee: order.shippingFee,
    sourceLocationId: order.sourceLocationId,
    shippingAddress: order.shippingAddress,
    createdAt: iso(order.createdAt)!,
    cancelledAt: iso(order.cancelledAt),
    cancelReason: order.cancelReason,
    items: items.map((i) => ({ ...orderLine(i), sellerOrderId: i.sellerOrderId })),
    sellerOrders: parts.map(({ so, seller, loc }): OrderView["sellerOrders"][number] => ({
      id: so.id,
      sellerId: so.sellerId,
      sellerName: seller.name,
      sellerNameEn: seller.nameEn,
      sourceLocationId: so.sourceLocationId,
      sourceLocation: locationRef(loc),
      status: so.status,
      subtotal: so.subtotal,
      ...fulfilmentTimes(so),
      events: events
        .filter((e) => e.ev.sellerOrderId === so.id)
        .map((e) => ({
          fromStatus: e.ev.fromStatus,
          toStatus: e.ev.toStatus,
          at: iso(e.ev.createdAt)!,
          by: e.actorRole === null ? "system" : e.actorRole === "customer" ? "customer" : "staff",
          reason: e.ev.reason,
        })),
    })),
  };
}

/**
 * An order for whoever asks: its customer sees all of it; staff see only the seller orders that are
 * theirs (their organisation sells it or runs its source), with the total of those parts. Anything
 * else — unknown, another customer's, no part of theirs — is NotFound.
 */
export async function getOrderFor(tx: Tx | Db, actor: Actor | null, rawId: unknown): Promise<OrderView> {
  if (!actor) throw new Unauthenticated();
  const id = idOrNotFound(rawId, orderNotFound);
  const view = await loadOrderView(tx, id);
  if (!view) throw orderNotFound();
  if (actor.kind === "system") return view;
  if (actor.role === "customer") {
    const [row] = await tx.select({ customerId: orders.customerId }).from(orders).where(eq(orders.id, id));
    if (row?.customerId !== actor.id) throw orderNotFound();
    return view;
  }
  const org = actor.organisationId;
  if (!org) throw orderNotFound();
  const theirs = await tx
    .select({ id: sellerOrders.id })
    .from(sellerOrders)
    .innerJoin(locations, eq(locations.id, sellerOrders.sourceLocationId))
    .where(
      and(eq(sellerOrders.orderId, id), or(eq(sellerOrders.sellerId, org), eq(locations.operatorId, org))),
    );
  if (theirs.length === 0) throw orderNotFound();
  if (theirs.length === view.sellerOrders.length) return view;
  const ids = new Set(theirs.map((so) => so.id));
  const mine = view.sellerOrders.filter((so) => ids.has(so.id));
  return {
    ...view,
    total: mine.reduce((s, so) => s + so.subtotal, 0),
    shippingFee: 0,
    items: view.items.filter((i) => ids.has(i.sellerOrderId)),
    sellerOrders: mine,
  };
}

export type MyOrderRow = {
  id: string;
  status: OrderView["status"];
  total: number;
  createdAt: string;
  itemCount: number;
  firstItemName: string;
  firstItemNameEn: string;
  sellerOrderCount: number;
};

/** The signed-in customer's orders, newest first. */
export async function listMyOrders(
  tx: Tx | Db,
  actor: Actor | null,
  raw: unknown = {},
): Promise<{ items: MyOrderRow[]; total: number }> {
  authorize(actor, "order:place");
  const q = MyOrdersQuery.parse(raw);
  const customerId = actor.id!;
  const [rows, counted] = await Promise.all([
    tx
      .select({
        id: orders.id,
        status: orders.status,
        total: orders.total,
        createdAt: orders.createdAt,
        // Raw table names on purpose: drizzle renders a lone table's columns unqualified, which a subquery
        // would resolve against its own table.
        itemCount: sql<number>`(select coalesce(sum(i.quantity), 0)::int from order_items i where i.order_id = "orders"."id")`,
        firstItemName: sql<string>`(select i.product_name from order_items i where i.order_id = "orders"."id" order by i.sku limit 1)`,
        firstItemNameEn: sql<string>`(select i.product_name_en from order_items i where i.order_id = "orders"."id" order by i.sku limit 1)`,
        sellerOrderCount: sql<number>`(select count(*)::int from seller_orders so where so.order_id = "orders"."id")`,
      })
      .from(orders)
      .where(eq(orders.customerId, customerId))
      .orderBy(desc(orders.createdAt), desc(orders.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    tx.select({ n: count() }).from(orders).where(eq(orders.customerId, customerId)),
  ]);
  return { items: rows.map((r) => ({ ...r, createdAt: iso(r.createdAt)! })), total: counted[0]?.n ?? 0 };
}
