import { and, eq, sum } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { refunds } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import type { Actor } from "@/lib/auth/actor";
import { authorize } from "@/lib/auth/policy";
import { Conflict } from "@/lib/errors";
import { cancelParts } from "./cancel-parts";
import { nextSellerOrderStatus } from "./fulfilment-machine";
import { paymentProvider } from "./payments";
import type { PaymentProvider } from "./payments/provider";
import { CancelSellerOrderInput } from "./schemas";
import { lockSellerOrderFor } from "./seller-order-access";
import { loadSellerOrderRow, type SellerOrderRow } from "./fulfilment-queries";

/**
 * Its seller or the operator of its source cancels one seller order before it ships, saying why: that
 * part alone is refunded and its stock released; the order's status follows its parts.
 */
export async function cancelSellerOrder(
  tx: Tx,
  actor: Actor | null,
  sellerOrderId: unknown,
  raw: unknown,
  opts: { payments?: PaymentProvider; now?: Date } = {},
): Promise<SellerOrderRow> {
  authorize(actor, "fulfilment:work:own-location");
  const input = CancelSellerOrderInput.parse(raw);
  const { order, part } = await lockSellerOrderFor(tx, actor, sellerOrderId, "operator_or_seller");
  if (!nextSellerOrderStatus(part.status, "cancel")) {
    throw new Conflict(
      "seller_order.illegal_transition",
      `A ${part.status} seller order cannot be cancelled.`,
      { from: part.status, event: "cancel" },
    );
  }
  await cancelParts(tx, {
    orderId: order.id,
    parts: [part],
    actor,
    reason: input.reason,
    payments: opts.payments ?? paymentProvider(),
    now: opts.now ?? new Date(),
  });
  await recordAudit(tx, actor, {
    action: "seller_order.cancel",
    targetType: "seller_order",
    targetId: part.id,
    detail: { orderId: order.id, from: part.status, to: "cancelled", reason: input.reason },
    refund: { amount: await refundedFor(tx, part.id), detail: { orderId: order.id } },
  });
  return loadSellerOrderRow(tx, part.id);
}

/** What was refunded for this seller order: a part is cancelled (and refunded) once, so all of it is this cancel's. */
async function refundedFor(tx: Tx, sellerOrderId: string): Promise<number> {
  const [row] = await tx
    .select({ amount: sum(refunds.amount).mapWith(Number) })
    .from(refunds)
    .where(and(eq(refunds.refType, "seller_order"), eq(refunds.refId, sellerOrderId)));
  return row?.amount ?? 0;
}
