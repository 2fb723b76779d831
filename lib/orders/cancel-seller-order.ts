import type { Tx } from "@/db/client";
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
  return loadSellerOrderRow(tx, part.id);
}
