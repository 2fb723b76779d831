import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { sellerOrders } from "@/db/schema";
import { SYSTEM } from "@/lib/auth/actor";
import { PaymentDeclined } from "@/lib/errors";
import { capture } from "@/lib/payments/capture";
import { PaymentPending } from "@/lib/payments/errors";
import type { PaymentProvider } from "@/lib/payments/provider";
import { recordCaptured, settlePayment, type PaymentRow } from "@/lib/payments/records";
import { withRefunds } from "@/lib/payments/refund";
import { lookupIntent, releaseIntent } from "@/lib/payments/release";
import { voidPayment } from "@/lib/payments/void";
import { cancelParts, lockOrderAndParts, requestPartRefunds } from "./cancel-parts";
import { nextSellerOrderStatus } from "./fulfilment-machine";

type Placed = { paymentId: string; orderId: string; authorizationId: string };

/**
 * Captures a placed order's payment after the order's transaction committed, never inside it, and
 * records it `captured`; parts cancelled while it was only authorized are refunded now. Refused: the order
 * is undone (stock released; nothing refunded, nothing was taken), the hold voided, and 402 thrown.
 * Unanswered: 409 `payment.pending` thrown; the order stands and the sweep captures it.
 */
export async function captureOrderPayment(db: Db, provider: PaymentProvider, p: Placed): Promise<void> {
  try {
    await capture(provider, p.authorizationId);
  } catch (e) {
    if (e instanceof PaymentDeclined) {
      await undoUncapturedOrder(db, p.orderId, p.paymentId);
      await voidPayment(
        db,
        provider,
        { id: p.paymentId, authorizationId: p.authorizationId },
        "capture_failed",
      );
    }
    throw e;
  }
  await recordCaptured(db, p.paymentId, p.authorizationId);
  // A separate statement, after the one above: a cancellation that held the payment row is visible now.
  const cancelled = await db
    .select({ id: sellerOrders.id, subtotal: sellerOrders.subtotal })
    .from(sellerOrders)
    .where(and(eq(sellerOrders.orderId, p.orderId), eq(sellerOrders.status, "cancelled")));
  if (cancelled.length === 0) return;
  await withRefunds(
    db,
    async (tx) => ({
      refunds: await requestPartRefunds(
        tx,
        p.orderId,
        cancelled,
        null,
        "cancelled before the payment was captured",
      ),
    }),
    { provider },
  );
}

/**
 * The sweep's settling of an order payment left open. `pending`: the order's transaction never committed
 * (it would have marked it `authorized`), so whatever the provider holds is released. `authorized`: the
 * order was placed and its capture never recorded, so it is captured now (or the order undone if the
 * provider refuses), unless the customer cancelled all of it meanwhile: then the hold is released.
 */
export async function settleOrderPayment(
  db: Db,
  provider: PaymentProvider,
  payment: PaymentRow,
): Promise<void> {
  if (payment.status === "pending")
    return releaseIntent(db, provider, payment, await lookupIntent(provider, payment), "order not placed");
  if (payment.status !== "authorized" || !payment.providerRef) return;
  const held = { id: payment.id, authorizationId: payment.providerRef };
  const parts = await db
    .select({ status: sellerOrders.status })
    .from(sellerOrders)
    .where(eq(sellerOrders.orderId, payment.refId));
  // Cancelled whole before it was captured: release the hold instead of capturing and refunding it all.
  // (Refused: it was captured after all; then it is recorded and the cancelled parts refunded below.)
  if (parts.every((p) => p.status === "cancelled")) {
    const voided = await voidPayment(db, provider, held, "order cancelled");
    if (voided !== "refused") return;
  }
  try {
    await captureOrderPayment(db, provider, {
      paymentId: payment.id,
      orderId: payment.refId,
      authorizationId: payment.providerRef,
    });
  } catch (e) {
    if (!(e instanceof PaymentDeclined || e instanceof PaymentPending)) throw e;
  }
}

/** The provider would not capture: the order is cancelled by the system and what it still holds released. */
async function undoUncapturedOrder(db: Db, orderId: string, paymentId: string) {
  await db.transaction(async (tx) => {
    const locked = await lockOrderAndParts(tx, orderId);
    if (!locked) return;
    await settlePayment(tx, paymentId, { status: "declined", failureReason: "capture_failed" });
    await cancelParts(tx, {
      orderId,
      parts: locked.parts.filter((p) => nextSellerOrderStatus(p.status, "cancel")),
      actor: SYSTEM,
      reason: "payment capture failed",
      now: new Date(),
      refund: false,
    });
  });
}
