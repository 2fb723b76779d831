import type { Db } from "@/db/client";
import { recordAudit } from "@/lib/audit";
import type { Actor } from "@/lib/auth/actor";
import { authorize } from "@/lib/auth/policy";
import { Conflict } from "@/lib/errors";
import type { PaymentProvider } from "@/lib/payments/provider";
import { withRefunds } from "@/lib/payments/refund";
import { cancelParts } from "./cancel-parts";
import { nextSellerOrderStatus } from "./fulfilment-machine";
import { CancelSellerOrderInput } from "./schemas";
import { lockSellerOrderFor } from "./seller-order-access";
import { loadSellerOrderRow, type SellerOrderRow } from "./fulfilment-queries";

/**
 * Its seller or the operator of its source cancels one seller order before it ships, saying why: that
 * part alone is refunded (after the cancellation commits) and its stock released; the order's status
 * follows its parts.
 */
export async function cancelSellerOrder(
  db: Db,
  actor: Actor | null,
  sellerOrderId: unknown,
  raw: unknown,
  opts: { payments?: PaymentProvider; now?: Date } = {},
): Promise<SellerOrderRow> {
  authorize(actor, "fulfilment:work:own-location");
  const input = CancelSellerOrderInput.parse(raw);
  const { partId } = await withRefunds(
    db,
    async (tx) => {
      const { order, part } = await lockSellerOrderFor(tx, actor, sellerOrderId, "operator_or_seller");
      if (!nextSellerOrderStatus(part.status, "cancel")) {
        throw new Conflict(
          "seller_order.illegal_transition",
          `A ${part.status} seller order cannot be cancelled.`,
          { from: part.status, event: "cancel" },
        );
      }
      const refunds = await cancelParts(tx, {
        orderId: order.id,
        parts: [part],
        actor,
        reason: input.reason,
        now: opts.now ?? new Date(),
      });
      await recordAudit(tx, actor, {
        action: "seller_order.cancel",
        targetType: "seller_order",
        targetId: part.id,
        detail: { orderId: order.id, from: part.status, to: "cancelled", reason: input.reason },
        refund: { amount: refunds.reduce((n, r) => n + r.amount, 0), detail: { orderId: order.id } },
      });
      return { refunds, partId: part.id };
    },
    { provider: opts.payments },
  );
  return loadSellerOrderRow(db, partId);
}
