import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { payments, refunds } from "@/db/schema";

/**
 * The payment provider as reservations see it. A minimal interface of our own so this domain does not
 * wait on the orders branch; the lead unifies it with lib/orders' provider at merge. The default is a
 * local fake that approves every card except the test card 4000 0000 0000 0002 (declined), so the
 * failure path is real.
 */
export type ChargeResult = { ok: true; providerRef: string } | { ok: false; reason: string };
export interface ReservationPaymentProvider {
  readonly name: string;
  charge(input: { amount: number; cardNumber?: string; reference: string }): Promise<ChargeResult>;
  refund(input: { providerRef: string; amount: number }): Promise<{ ok: true; providerRef: string }>;
}

export const DECLINED_TEST_CARD = "4000000000000002";

export const fakeProvider: ReservationPaymentProvider = {
  name: "fake",
  async charge({ cardNumber }) {
    if (cardNumber?.replace(/\s+/g, "") === DECLINED_TEST_CARD) return { ok: false, reason: "card_declined" };
    return { ok: true, providerRef: `fake_ch_${randomUUID()}` };
  },
  async refund() {
    return { ok: true, providerRef: `fake_re_${randomUUID()}` };
  },
};

let provider: ReservationPaymentProvider = fakeProvider;
export function paymentProvider(): ReservationPaymentProvider {
  return provider;
}
/** For tests that need a provider which behaves differently. */
export function setPaymentProvider(p: ReservationPaymentProvider) {
  provider = p;
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
  await paymentProvider().refund({ providerRef: p.providerRef ?? "", amount });
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
