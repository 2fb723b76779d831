import { and, eq, inArray, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { orderItems, orders, payments, sellerOrderEvents, sellerOrders } from "@/db/schema";
import { actorUserId, type Actor } from "@/lib/auth/actor";
import { applyStockMoves, releaseMove, stockKeyOf, type StockMove } from "@/lib/inventory/stock";
import { requestRefunds, type RefundIntent } from "@/lib/payments/refund";
import { orderStatusOf } from "./order-status";

type PartRow = typeof sellerOrders.$inferSelect;

/**
 * Cancels some seller orders of one order: each part cancelled with who and why, a refund of its payment
 * share requested once (a refund row per seller order, made by the caller after COMMIT), its reserved
 * stock released, and the order's status recomputed from its parts. The caller holds the locks: the order
 * row, then these parts. The stock rows are locked last, in the one global order, so this never deadlocks
 * with a placement. Returns the refunds requested.
 */
export async function cancelParts(
  tx: Tx,
  a: {
    orderId: string;
    parts: PartRow[];
    actor: Actor;
    reason: string | null;
    now: Date;
    refund?: boolean;
  },
): Promise<RefundIntent[]> {
  if (a.parts.length === 0) return [];
  const who = actorUserId(a.actor);
  const ids = a.parts.map((p) => p.id);
  await tx
    .update(sellerOrders)
    .set({
      status: "cancelled",
      cancelledAt: a.now,
      cancelledBy: who,
      cancelReason: a.reason,
      updatedAt: a.now,
    })
    .where(inArray(sellerOrders.id, ids));
  await tx.insert(sellerOrderEvents).values(
    a.parts.map((p) => ({
      sellerOrderId: p.id,
      fromStatus: p.status,
      toStatus: "cancelled" as const,
      actorUserId: who,
      reason: a.reason,
      createdAt: a.now,
    })),
  );

  const statuses = await tx
    .select({ status: sellerOrders.status })
    .from(sellerOrders)
    .where(eq(sellerOrders.orderId, a.orderId));
  const status = orderStatusOf(statuses.map((s) => s.status));
  await tx
    .update(orders)
    .set(
      status === "cancelled"
        ? { status, updatedAt: a.now, cancelledAt: a.now, cancelledBy: who, cancelReason: a.reason }
        : { status, updatedAt: a.now },
    )
    .where(eq(orders.id, a.orderId));

  const refunds = a.refund === false ? [] : await requestPartRefunds(tx, a.orderId, a.parts, who, a.reason);

  const items = await tx
    .select({
      variantId: orderItems.variantId,
      quantity: orderItems.quantity,
      sellerOrderId: orderItems.sellerOrderId,
    })
    .from(orderItems)
    .where(inArray(orderItems.sellerOrderId, ids));
  const moves = new Map<string, StockMove>();
  for (const item of items) {
    const part = a.parts.find((p) => p.id === item.sellerOrderId)!;
    const key = { locationId: part.sourceLocationId, variantId: item.variantId };
    const prev = moves.get(stockKeyOf(key));
    if (prev) prev.reservedDelta -= item.quantity;
    else
      moves.set(stockKeyOf(key), releaseMove(key, item.quantity, "order_release", "seller_order", part.id));
  }
  await applyStockMoves(tx, [...moves.values()], who);
  return refunds;
}

/**
 * Requests the refund of each part's subtotal, once per part (the refund row's key). Only a captured
 * payment is refunded: one still `authorized` is captured later (lib/orders/order-payment.ts), which then
 * requests the refunds of the parts cancelled by then. The payment row is locked here either way, so the
 * two never miss each other.
 */
export async function requestPartRefunds(
  tx: Tx,
  orderId: string,
  parts: Pick<PartRow, "id" | "subtotal">[],
  who: string | null,
  reason: string | null,
): Promise<RefundIntent[]> {
  const [payment] = await tx
    .select({ id: payments.id, status: payments.status })
    .from(payments)
    .where(
      and(
        eq(payments.purpose, "order"),
        eq(payments.refId, orderId),
        inArray(payments.status, ["authorized", "captured", "partially_refunded"]),
      ),
    )
    .for("update");
  if (!payment || payment.status === "authorized") return [];
  return requestRefunds(
    tx,
    parts
      .filter((p) => p.subtotal > 0)
      .map((p) => ({
        paymentId: payment.id,
        refType: "seller_order",
        refId: p.id,
        amount: p.subtotal,
        reason,
        actorUserId: who,
      })),
  );
}

/** Locks the order row, then its (chosen) parts sorted by id: the lock order every order verb follows. */
export async function lockOrderAndParts(tx: Tx, orderId: string, partIds?: string[]) {
  const [order] = await tx.select().from(orders).where(eq(orders.id, orderId)).for("update");
  if (!order) return null;
  const parts = await tx
    .select()
    .from(sellerOrders)
    .where(
      partIds
        ? and(eq(sellerOrders.orderId, orderId), inArray(sellerOrders.id, partIds))
        : eq(sellerOrders.orderId, orderId),
    )
    .orderBy(sql`${sellerOrders.id}`)
    .for("update");
  return { order, parts };
}
