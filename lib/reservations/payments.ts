import { eq, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { payments, refunds } from "@/db/schema";
import { paymentProvider } from "@/lib/orders/payments";
import { DEFAULT_TEST_CARD } from "@/lib/orders/payments/provider";

/**
 * Reservations pay through the shop's one payment provider (lib/orders/payments): a charge is an
 * authorization captured at once (voided if the capture fails), a refund goes back through the same
 * provider. The default is the local fake, which declines the test card 4000 0000 0000 0002.
 */
export type ChargeResult = { ok: true; providerRef: string } | { ok: false; reason: string };

export async function chargeCard(input: { amount: number; cardNumber?: string; reference: string }): Promise<ChargeResult> {
  const provider = paymentProvider();
  const cardNumber = input.cardNumber?.replace(/\s+/g, "") || DEFAULT_TEST_CARD;
  const auth = await provider.authorize({ amount: input.amount, cardNumber, reference: input.reference });
  if (!auth.approved) return { ok: false, reason: auth.reason };
  try {
    await provider.capture(auth.authorizationId);
  } catch {
    await provider.void(auth.authorizationId).catch(() => undefined);
    return { ok: false, reason: "capture_failed" };
  }
  return { ok: true, providerRef: auth.authorizationId };
}

/** Records a captured payment for a reservation; the caller has charged the provider. */
export async function recordReservationPayment(
  tx: Tx,
  input: { customerId: string; reservationId: string; amount: number; providerRef: string },
) {
  const [row] = await tx
    .insert(payments)
    .values({
      customerId: input.customerId,
      purpose: "reservation",
      refId: input.reservationId,
      provider: paymentProvider().name,
      providerRef: input.providerRef,
      amount: input.amount,
      status: "captured",
    })
    .returning();
  return row!;
}

/**
 * Refunds what is left of a reservation's payment, once: the payment row is locked, and a payment
 * already refunded in full is left alone (so a cancel-whole after a customer cancel refunds nothing twice).
 */
export async function refundReservationPayment(
  tx: Tx,
  input: { paymentId: string; reservationId: string; reason: string; actorUserId: string | null },
): Promise<number> {
  const [p] = await tx.select().from(payments).where(eq(payments.id, input.paymentId)).for("update");
  if (!p) return 0;
  const amount = p.amount - p.refundedAmount;
  if (amount <= 0) return 0;
  await paymentProvider().refund(p.providerRef ?? "", amount);
  await tx
    .update(payments)
    .set({ refundedAmount: sql`${payments.refundedAmount} + ${amount}`, status: "refunded" })
    .where(eq(payments.id, p.id));
  await tx.insert(refunds).values({
    paymentId: p.id,
    amount,
    reason: input.reason,
    actorUserId: input.actorUserId,
    refType: "reservation",
    refId: input.reservationId,
  });
  return amount;
}
