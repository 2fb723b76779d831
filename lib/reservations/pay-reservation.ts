import { and, eq, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { reservables, reservations, variants } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { requireUser } from "@/lib/auth/policy";
import { Conflict, NotFound, PaymentDeclined } from "@/lib/errors";
import { notifyChanged } from "./events";
import { chargeCard, recordReservationPayment } from "./payments";
import { sellablePrice } from "@/lib/catalog/sellable";
import { idOrNotFound } from "@/lib/validation";
import { reservationNotFound } from "./access";
import { PayReservationInput } from "./schemas";

/**
 * Pays a confirmed reservation before its hold runs out. Locks the reservation row (not the
 * reservable: paying never queues behind launch-day deciding), so the worker's expiry, which updates
 * only rows still `confirmed` with a past hold, either sees `paid` or wins first and this answers 409.
 */
export async function payReservation(tx: Tx, actor: Actor | null, reservationId: string, raw: unknown) {
  const customer = requireUser(actor, "reservation:pay:own");
  const id = idOrNotFound(reservationId, reservationNotFound);
  const input = PayReservationInput.parse(raw);
  const [row] = await tx
    .select({
      id: reservations.id,
      customerId: reservations.customerId,
      reservableId: reservations.reservableId,
      status: reservations.status,
      quantity: reservations.quantity,
      holdExpiresAt: reservations.holdExpiresAt,
      price: sellablePrice, // a reservable is only made for a priced variant, and a price is never unset
      expired: sql<boolean>`${reservations.holdExpiresAt} <= now()`,
    })
    .from(reservations)
    .innerJoin(reservables, eq(reservables.id, reservations.reservableId))
    .innerJoin(variants, eq(variants.id, reservables.variantId))
    .where(and(eq(reservations.id, id), eq(reservations.customerId, customer.id)))
    .for("update", { of: reservations });
  if (!row) throw new NotFound("reservation.not_found", "No such reservation.");
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

  const amount = row.price * row.quantity;
  const charge = await chargeCard({ amount, cardNumber: input.cardNumber, reference: row.id });
  if (!charge.ok)
    throw new PaymentDeclined("payment.declined", "The card was declined. Try another card.", {
      reason: charge.reason,
    });
  const payment = await recordReservationPayment(tx, {
    customerId: customer.id,
    reservationId: row.id,
    amount,
    providerRef: charge.providerRef,
  });
  const [paid] = await tx
    .update(reservations)
    .set({ status: "paid", paidAt: sql`now()`, paymentId: payment.id, updatedAt: sql`now()` })
    .where(eq(reservations.id, row.id))
    .returning({ id: reservations.id, status: reservations.status, paidAt: reservations.paidAt });
  await notifyChanged(tx, row.reservableId);
  return {
    id: paid!.id,
    status: paid!.status,
    amount,
    paymentId: payment.id,
    paidAt: paid!.paidAt!.toISOString(),
  };
}
