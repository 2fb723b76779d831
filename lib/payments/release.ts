import type { Db } from "@/db/client";
import { callProvider } from "./call";
import type { KeyLookup, PaymentProvider } from "./provider";
import { recordCaptured, settlePayment, type PaymentRow } from "./records";
import { requestRefunds, withRefunds } from "./refund";
import { voidPayment } from "./void";

/** For the sweep: what the provider made of an open payment's key (throws when it does not answer). */
export function lookupIntent(provider: PaymentProvider, payment: PaymentRow): Promise<KeyLookup> {
  return callProvider("lookup", () => provider.lookup(payment.idempotencyKey));
}

/**
 * Ends an open payment that nothing will take any more (its order was never placed), given what the
 * provider made of its key: whatever it holds is voided, whatever it took is refunded (once: the refund's
 * key), and a key it never saw is recorded `declined`. Outside any transaction, like every provider call.
 */
export async function releaseIntent(
  db: Db,
  provider: PaymentProvider,
  payment: PaymentRow,
  found: KeyLookup,
  reason: string,
): Promise<void> {
  if (!found) {
    await settlePayment(db, payment.id, { status: "declined", failureReason: reason });
  } else if (found.state === "declined") {
    await settlePayment(db, payment.id, { status: "declined", failureReason: found.reason });
  } else if (found.state === "voided") {
    await settlePayment(db, payment.id, {
      status: "voided",
      providerRef: found.authorizationId,
      failureReason: reason,
    });
  } else if (found.state === "authorized") {
    // Refused: it was captured meanwhile; it is given back instead.
    const voided = await voidPayment(
      db,
      provider,
      { id: payment.id, authorizationId: found.authorizationId },
      reason,
    );
    if (voided === "refused") await giveBack(db, provider, payment, found.authorizationId, reason);
  } else {
    await giveBack(db, provider, payment, found.authorizationId, reason);
  }
}

/** A payment taken for nothing: recorded captured, and refunded in full (once: the refund's key). */
async function giveBack(
  db: Db,
  provider: PaymentProvider,
  payment: PaymentRow,
  authorizationId: string,
  reason: string,
) {
  await withRefunds(
    db,
    async (tx) => {
      const taken = await recordCaptured(tx, payment.id, authorizationId);
      const refunds = taken
        ? await requestRefunds(tx, [
            { paymentId: payment.id, refType: "payment", refId: payment.id, reason, actorUserId: null },
          ])
        : [];
      return { refunds };
    },
    { provider },
  );
}
