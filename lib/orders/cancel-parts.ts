import { and, eq, inArray, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { orderItems, orders, payments, refunds, sellerOrderEvents, sellerOrders } from "@/db/schema";
import { actorUserId, type Actor } from "@/lib/auth/actor";
import { applyStockMoves, releaseMove, stockKeyOf, type StockMove } from "@/lib/inventory/stock";
import { orderStatusOf } from "./order-status";
import type { PaymentProvider } from "./payments/provider";

type PartRow = typeof sellerOrders.$inferSelect;

/**
 * Cancels some seller orders of one order: each part cancelled with who and why, its payment share
 * refunded once (a refund row per seller order), its reserved stock released, and the order's status
 * recomputed from its parts. The caller holds the locks: the order row, then these parts.
 * The stock rows are locked last, in the one global order, so this never deadlocks with a placement.
 */
export async function cancelParts(
  tx: Tx,
  a: {
    orderId: string;
    parts: PartRow[];
    actor: Actor;
    reason: string | null;
    payments: PaymentProvider;
    now: Date;
    refund?: boolean;
  },
): Promise<void> {
  if (a.parts.length === 0) return;
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

  if (a.refund !== false) await refundParts(tx, a.orderId, a.parts, who, a.reason, a.payments, a.now);

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
}

/** Refunds each part's subtotal once: a part that already has a refund row is skipped. */
async function refundParts(
  tx: Tx,
  orderId: string,
  parts: PartRow[],
  who: string | null,
  reason: string | null,
  provider: PaymentProvider,
  now: Date,
) {
  const [payment] = await tx
    .select()
    .from(payments)
    .where(
      and(
        eq(payments.purpose, "order"),
        eq(payments.refId, orderId),
        inArray(payments.status, ["captured", "partially_refunded"]),
      ),
    )
    .for("update");
  if (!payment?.providerRef) return;
  const done = await tx
    .select({ refId: refunds.refId })
    .from(refunds)
    .where(
      and(
        eq(refunds.paymentId, payment.id),
        eq(refunds.refType, "seller_order"),
        inArray(
          refunds.refId,
          parts.map((p) => p.id),
        ),
      ),
    );
  const already = new Set(done.map((d) => d.refId));
  let refunded = payment.refundedAmount;
  for (const part of parts) {
    if (already.has(part.id) || part.subtotal <= 0) continue;
    const amount = Math.min(part.subtotal, payment.amount - refunded);
    if (amount <= 0) continue;
    await provider.refund(payment.providerRef, amount);
    await tx.insert(refunds).values({
      paymentId: payment.id,
      amount,
      reason,
      actorUserId: who,
      refType: "seller_order",
      refId: part.id,
      createdAt: now,
    });
    refunded += amount;
  }
  await tx
    .update(payments)
    .set({
      refundedAmount: refunded,
      status: refunded >= payment.amount ? "refunded" : refunded > 0 ? "partially_refunded" : payment.status,
    })
    .where(eq(payments.id, payment.id));
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
