import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { reservables, reservations, variants } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { requireUser } from "@/lib/auth/policy";
import { Conflict } from "@/lib/errors";
import { sellablePrice } from "@/lib/catalog/sellable";
import { paymentProvider } from "@/lib/payments";
import { charge } from "@/lib/payments/charge";
import { PaymentPending } from "@/lib/payments/errors";
import { DEFAULT_TEST_CARD, type PaymentProvider } from "@/lib/payments/provider";
import { openPaymentFor, recordPaymentIntent } from "@/lib/payments/records";
import { completeReservationPayment } from "./payment-outcome";
import { idOrNotFound } from "@/lib/validation";
import { reservationNotFound } from "./access";
import { PayReservationInput } from "./schemas";

/**
 * Pays a confirmed reservation before its hold runs out. Handed the database: the card is charged
 * between two short transactions, never under a lock (docs/decisions/0007-payments-outside-locks.md):
 *
 *   1. lock the reservation row (not the reservable: paying never queues behind launch-day deciding),
 *      check it may be paid and no other payment of it is in flight, and record the payment intent;
 *   2. charge the card with the intent's key (declined: 402, the attempt on record; no answer: 409
 *      `payment.pending`, and the worker's sweep completes or releases it);
 *   3. under the row lock again, record the payment `captured` and the reservation `paid` together.
 *
 * The worker's expiry leaves alone a reservation whose payment is in flight, so a hold that runs out
 * during step 2 does not take the reservation from a customer who is paying; one that ran out before
 * step 1 is 409.
 */
export async function payReservation(
  db: Db,
  actor: Actor | null,
  reservationId: string,
  raw: unknown,
  opts: { payments?: PaymentProvider } = {},
) {
  const customer = requireUser(actor, "reservation:pay:own");
  const id = idOrNotFound(reservationId, reservationNotFound);
  const input = PayReservationInput.parse(raw);
  const provider = opts.payments ?? paymentProvider();
  const intent = await db.transaction(async (tx) => {
    const [row] = await tx
      .select({
        id: reservations.id,
        status: reservations.status,
        quantity: reservations.quantity,
        price: sellablePrice, // a reservable is only made for a priced variant, and a price is never unset
        expired: sql<boolean>`${reservations.holdExpiresAt} <= now()`,
      })
      .from(reservations)
      .innerJoin(reservables, eq(reservables.id, reservations.reservableId))
      .innerJoin(variants, eq(variants.id, reservables.variantId))
      .where(and(eq(reservations.id, id), eq(reservations.customerId, customer.id)))
      .for("update", { of: reservations });
    if (!row) throw reservationNotFound();
    if (row.status === "paid")
      throw new Conflict("reservation.already_paid", "This reservation is already paid.");
    if (row.status === "expired" || (row.status === "confirmed" && row.expired)) {
      throw new Conflict(
        "reservation.hold_expired",
        "The hold on this reservation ran out before it was paid.",
      );
    }
    if (row.status !== "confirmed")
      throw new Conflict(
        "reservation.not_confirmed",
        `Only a confirmed reservation can be paid (it is ${row.status}).`,
        { reservationStatus: row.status },
      );
    if (await openPaymentFor(tx, "reservation", row.id)) throw new PaymentPending();
    return recordPaymentIntent(tx, {
      customerId: customer.id,
      purpose: "reservation",
      refId: row.id,
      provider: provider.name,
      amount: row.price * row.quantity,
    });
  });
  const authorizationId = await charge(db, provider, intent, input.cardNumber ?? DEFAULT_TEST_CARD, {
    declined: "The card was declined. Try another card.",
  });
  return completeReservationPayment(db, provider, {
    paymentId: intent.id,
    reservationId: intent.refId,
    authorizationId,
    amount: intent.amount,
  });
}
