import type { Db } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import { requireUser } from "@/lib/auth/policy";
import { Conflict } from "@/lib/errors";
import type { PaymentProvider } from "@/lib/payments/provider";
import { withRefunds } from "@/lib/payments/refund";
import { idOrNotFound } from "@/lib/validation";
import { cancelParts, lockOrderAndParts } from "./cancel-parts";
import { loadOrderView, orderNotFound } from "./order-queries";
import { CancelOrderInput } from "./schemas";
import type { OrderView } from "./view";

/**
 * The customer cancels their order before it ships: every part not yet cancelled is cancelled, its stock
 * released and its share refunded. Once any part has shipped, the order can no longer be cancelled (409);
 * cancelling a cancelled order is 409 too, and changes nothing. Handed the database: the refunds are made
 * after the cancellation commits, never under the order's lock (lib/payments/refund.ts).
 */
export async function cancelOrder(
  db: Db,
  actor: Actor | null,
  orderId: unknown,
  raw: unknown,
  opts: { payments?: PaymentProvider; now?: Date } = {},
): Promise<OrderView> {
  const customer = requireUser(actor, "order:cancel:own");
  const input = CancelOrderInput.parse(raw);
  const id = idOrNotFound(orderId, orderNotFound);
  await withRefunds(
    db,
    async (tx) => {
      const locked = await lockOrderAndParts(tx, id);
      if (!locked || locked.order.customerId !== customer.id) throw orderNotFound();
      const { parts } = locked;
      if (parts.every((p) => p.status === "cancelled"))
        throw new Conflict("order.already_cancelled", "This order is already cancelled.");
      if (parts.some((p) => p.status === "shipped" || p.status === "delivered")) {
        throw new Conflict(
          "order.already_shipped",
          "Part of this order has shipped: it can no longer be cancelled.",
        );
      }
      const refunds = await cancelParts(tx, {
        orderId: id,
        parts: parts.filter((p) => p.status !== "cancelled"),
        actor: customer,
        reason: input.reason ?? null,
        now: opts.now ?? new Date(),
      });
      return { refunds };
    },
    { provider: opts.payments },
  );
  return (await loadOrderView(db, id))!;
}
