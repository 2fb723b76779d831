import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { reservations } from "@/db/schema";
import { Conflict, PaymentDeclined } from "@/lib/errors";
import { capture } from "@/lib/payments/capture";
import { PaymentPending } from "@/lib/payments/errors";
import type { PaymentProvider } from "@/lib/payments/provider";
import { recordCaptured, settlePayment, type PaymentRow } from "@/lib/payments/records";
import { requestRefunds, withRefunds } from "@/lib/payments/refund";
import { lookupIntent, releaseIntent } from "@/lib/payments/release";
import { voidPayment } from "@/lib/payments/void";
import { notifyChanged } from "./events";

export type PaidReservation = {
  id: string;
  status: "paid";
  amount: number;
  paymentId: string;
  paidAt: string;
};

/**
 * Records what came of a reservation's charge once the provider has captured it, in one short transaction
 * under the reservation's row lock (the provider is not called in it): the payment `captured` and the
 * reservation `paid` together, so neither is ever recorded without the other. A reservation no longer
 * payable by then (cancelled meanwhile) gets the money back: one refund per reservation, made after COMMIT.
 * Used by the pay verb and by the sweep alike; a second recording of the same payment finds it paid.
 */
export async function completeReservationPayment(
  db: Db,
  provider: PaymentProvider,
  p: { paymentId: string; reservationId: string; authorizationId: string; amount: number },
): Promise<PaidReservation> {
  const out = await withRefunds(
    db,
    async (tx) => {
      const [row] = await tx
        .select()
        .from(reservations)
        .where(eq(reservations.id, p.reservationId))
        .for("update");
      const taken = await recordCaptured(tx, p.paymentId, p.authorizationId);
      if (row!.status === "paid" && row!.paymentId === p.paymentId) return { refunds: [], paid: row! };
      if (taken && row!.status === "confirmed") {
        const [paid] = await tx
          .update(reservations)
          .set({ status: "paid", paidAt: sql`now()`, paymentId: p.paymentId, updatedAt: sql`now()` })
          .where(eq(reservations.id, row!.id))
          .returning();
        await notifyChanged(tx, row!.reservableId);
        return { refunds: [], paid: paid! };
      }
      const refunds = taken
        ? await requestRefunds(tx, [
            {
              paymentId: p.paymentId,
              refType: "reservation",
              refId: row!.id,
              reason: `reservation ${row!.status} before its payment completed`,
              actorUserId: null,
            },
          ])
        : [];
      return { refunds, paid: null, status: row!.status };
    },
    { provider },
  );
  if (!out.paid) {
    throw new Conflict(
      out.status === "expired" ? "reservation.hold_expired" : "reservation.not_confirmed",
      `The reservation was ${out.status} before the payment completed; the payment is refunded.`,
      { reservationStatus: out.status },
    );
  }
  return {
    id: out.paid.id,
    status: "paid",
    amount: p.amount,
    paymentId: p.paymentId,
    paidAt: out.paid.paidAt!.toISOString(),
  };
}

/**
 * The sweep's settling of a reservation's charge whose caller left no outcome (a crash, or a provider that
 * did not answer): asks the provider by key and completes it (captured: paid, or refunded if the
 * reservation is gone) or ends it (never seen, declined: the hold then runs out as usual).
 */
export async function settleReservationPayment(db: Db, provider: PaymentProvider, payment: PaymentRow) {
  if (payment.status !== "pending") return;
  const found = await lookupIntent(provider, payment);
  if (!found || found.state === "declined" || found.state === "voided")
    return releaseIntent(db, provider, payment, found, "charge not completed");
  if (found.state === "authorized") {
    try {
      await capture(provider, found.authorizationId);
    } catch (e) {
      if (e instanceof PaymentPending) return; // still no answer: the next sweep asks again
      if (!(e instanceof PaymentDeclined)) throw e;
      const held = { id: payment.id, authorizationId: found.authorizationId };
      await settlePayment(db, payment.id, {
        status: "declined",
        providerRef: held.authorizationId,
        failureReason: "capture_failed",
      });
      await voidPayment(db, provider, held, "capture_failed");
      return;
    }
  }
  try {
    await completeReservationPayment(db, provider, {
      paymentId: payment.id,
      reservationId: payment.refId,
      authorizationId: found.authorizationId,
      amount: payment.amount,
    });
  } catch (e) {
    if (!(e instanceof Conflict)) throw e; // not payable any more: refunded
  }
}
