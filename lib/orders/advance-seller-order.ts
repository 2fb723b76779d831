import { eq } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { orderItems, orders, sellerOrderEvents, sellerOrders } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { eventVerb } from "@/lib/event-verbs";
import { actorUserId, type Actor } from "@/lib/auth/actor";
import { authorize } from "@/lib/auth/policy";
import { Conflict } from "@/lib/errors";
import { applyStockMoves, shipMove } from "@/lib/inventory/stock";
import { nextSellerOrderStatus, STEP_TIMESTAMP, type FulfilmentEvent } from "./fulfilment-machine";
import { loadSellerOrderRow, type SellerOrderRow } from "./fulfilment-queries";
import { orderStatusOf } from "./order-status";
import { FulfilmentStepInput } from "./schemas";
import { lockSellerOrderFor } from "./seller-order-access";

type Step = Exclude<FulfilmentEvent, "cancel">;

/**
 * One fulfilment step by the operator of the seller order's source (the dealer for its hubs, marketing
 * for org hubs and centers, the seller for its warehouse). Illegal steps are 409. Shipping turns the
 * reserved stock into shipped stock (on hand and reserved both go down, one ledger row per line).
 * Every step records who and when, on the part and in its timeline.
 */
async function advance(
  tx: Tx,
  actor: Actor | null,
  sellerOrderId: unknown,
  raw: unknown,
  event: Step,
  now = new Date(),
): Promise<SellerOrderRow> {
  authorize(actor, "fulfilment:work:own-location");
  const input = FulfilmentStepInput.parse(raw);
  const { order, part } = await lockSellerOrderFor(tx, actor, sellerOrderId, "operator");
  const to = nextSellerOrderStatus(part.status, event);
  if (!to)
    throw new Conflict("seller_order.illegal_transition", `Cannot ${event} a ${part.status} seller order.`, {
      from: part.status,
      event,
    });
  const who = actorUserId(actor);
  await tx
    .update(sellerOrders)
    .set({ status: to, [STEP_TIMESTAMP[to as keyof typeof STEP_TIMESTAMP]]: now, updatedAt: now })
    .where(eq(sellerOrders.id, part.id));
  await tx.insert(sellerOrderEvents).values({
    sellerOrderId: part.id,
    fromStatus: part.status,
    toStatus: to,
    actorUserId: who,
    reason: input.note ?? null,
    createdAt: now,
  });
  await recordAudit(tx, actor, {
    action: `seller_order.${event}`,
    targetType: "seller_order",
    targetId: part.id,
    detail: { orderId: order.id, from: part.status, to, ...(input.note ? { note: input.note } : {}) },
  });
  const statuses = await tx
    .select({ status: sellerOrders.status })
    .from(sellerOrders)
    .where(eq(sellerOrders.orderId, order.id));
  await tx
    .update(orders)
    .set({ status: orderStatusOf(statuses.map((s) => s.status)), updatedAt: now })
    .where(eq(orders.id, order.id));
  if (to === "shipped") {
    const items = await tx.select().from(orderItems).where(eq(orderItems.sellerOrderId, part.id));
    // Last: the stock rows stay locked only until COMMIT.
    await applyStockMoves(
      tx,
      items.map((i) =>
        shipMove(
          { locationId: part.sourceLocationId, variantId: i.variantId },
          i.quantity,
          "order_ship",
          "seller_order",
          part.id,
        ),
      ),
      who,
    );
  }
  return loadSellerOrderRow(tx, part.id);
}

export const acceptSellerOrder = eventVerb(advance, "accept");
export const packSellerOrder = eventVerb(advance, "pack");
export const shipSellerOrder = eventVerb(advance, "ship");
export const deliverSellerOrder = eventVerb(advance, "deliver");
