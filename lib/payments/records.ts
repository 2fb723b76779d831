import { randomUUID } from "node:crypto";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { payments } from "@/db/schema";

export type PaymentRow = typeof payments.$inferSelect;
export type PaymentPurpose = PaymentRow["purpose"];
type Status = PaymentRow["status"];

/** Open payments: the provider's answer is not (all) recorded yet. The sweep's work. */
export const OPEN: Status[] = ["pending", "authorized"];

/**
 * Records the intent to take a payment, before the provider is called: status `pending`, and the key the
 * provider will be called with. A crash from here on leaves a row the sweep can settle.
 */
export async function recordPaymentIntent(
  db: Db | Tx,
  input: {
    id?: string;
    customerId: string;
    purpose: PaymentPurpose;
    refId: string;
    provider: string;
    amount: number;
  },
): Promise<PaymentRow> {
  const id = input.id ?? randomUUID();
  const [row] = await db
    .insert(payments)
    .values({ ...input, id, idempotencyKey: `payment:${id}`, status: "pending" })
    .returning();
  return row!;
}

/**
 * Moves an open payment to what the provider answered. Returns undefined when it is no longer open (the
 * sweep, or the caller, recorded an answer first): the caller then reads what was recorded.
 */
export async function settlePayment(
  db: Db | Tx,
  id: string,
  set: { status: Status; providerRef?: string; failureReason?: string | null },
): Promise<PaymentRow | undefined> {
  const [row] = await db
    .update(payments)
    .set({ ...set, updatedAt: sql`now()` })
    .where(and(eq(payments.id, id), inArray(payments.status, OPEN)))
    .returning();
  return row;
}

/**
 * Records that the provider captured this payment: the provider's word is the truth, so it overrides what
 * a sweep may have guessed (`declined`, `voided`) when it could not see the capture. Returns undefined when
 * it was recorded captured (or refunded) already.
 */
export async function recordCaptured(db: Db | Tx, id: string, authorizationId: string) {
  const [row] = await db
    .update(payments)
    .set({ status: "captured", providerRef: authorizationId, failureReason: null, updatedAt: sql`now()` })
    .where(and(eq(payments.id, id), inArray(payments.status, [...OPEN, "declined", "voided"])))
    .returning();
  return row;
}

export async function loadPayment(db: Db | Tx, id: string): Promise<PaymentRow | undefined> {
  const [row] = await db.select().from(payments).where(eq(payments.id, id));
  return row;
}

/** A payment of this purpose and thing whose outcome is still open (a charge in flight). */
export async function openPaymentFor(db: Db | Tx, purpose: PaymentPurpose, refId: string) {
  const [row] = await db
    .select({ id: payments.id })
    .from(payments)
    .where(and(eq(payments.purpose, purpose), eq(payments.refId, refId), inArray(payments.status, OPEN)))
    .limit(1);
  return row;
}
