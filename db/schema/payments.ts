import { sql } from "drizzle-orm";
import { check, index, integer, pgEnum, pgTable, text, unique, uuid } from "drizzle-orm/pg-core";
import { id, now, timestamps, ref } from "./columns";
import { users } from "./identity";

export const paymentPurpose = pgEnum("payment_purpose", ["order", "reservation"]);

/**
 * A payment's life (lib/payments, docs/decisions/0007-payments-outside-locks.md):
 * `pending` (the intent, written before the provider is called) → `declined` | `authorized` (an order's
 * money held) | `captured` | `voided` (held, then released: nothing taken); `captured` →
 * `partially_refunded` → `refunded`. `pending` and `authorized` rows left behind by a crash or a
 * provider that never answered are settled by the worker's sweep (lib/payments/settle-intents.ts).
 */
export const paymentStatus = pgEnum("payment_status", [
  "pending",
  "authorized",
  "captured",
  "declined",
  "voided",
  "partially_refunded",
  "refunded",
]);

/** Payments for orders and reservations alike, through lib/payments. */
export const payments = pgTable(
  "payments",
  {
    id: id(),
    /** What the provider is called with: the same key never authorizes (or charges) twice. */
    idempotencyKey: text().notNull().unique("payments_idempotency_key_unique"),
    customerId: ref(() => users.id),
    purpose: paymentPurpose().notNull(),
    refId: uuid().notNull(),
    provider: text().notNull(),
    /** The provider's authorization id, once it has answered. */
    providerRef: text(),
    amount: integer().notNull(),
    refundedAmount: integer().notNull().default(0),
    status: paymentStatus().notNull(),
    failureReason: text(),
    createdAt: now(),
    /** Last change or last look by the sweep: an open intent untouched for a while is the sweep's. */
    updatedAt: now(),
  },
  (t) => [
    index().on(t.purpose, t.refId),
    index().on(t.status, t.updatedAt),
    check("payments_amounts", sql`${t.amount} >= 0 and ${t.refundedAmount} between 0 and ${t.amount}`),
  ],
);

/** `pending` (the intent, written in the transaction that decided the refund) → `succeeded` | `failed`. */
export const refundStatus = pgEnum("refund_status", ["pending", "succeeded", "failed"]);

export const refunds = pgTable(
  "refunds",
  {
    id: id(),
    paymentId: ref(() => payments.id),
    /** `refund:<payment>:<refType>:<refId>`: one per reason, so a retry or the sweep never refunds twice. */
    idempotencyKey: text().notNull().unique("refunds_idempotency_key_unique"),
    amount: integer().notNull(),
    status: refundStatus().notNull().default("pending"),
    reason: text(),
    actorUserId: uuid().references(() => users.id),
    /** What the refund is for, e.g. a seller order id, so a part is never refunded twice. */
    refType: text().notNull(),
    refId: uuid().notNull(),
    /** The provider's refund id, once it has answered. */
    providerRef: text(),
    failureReason: text(),
    ...timestamps(),
  },
  (t) => [
    unique("refunds_one_per_reason").on(t.paymentId, t.refType, t.refId),
    index().on(t.status, t.updatedAt),
    check("refunds_amount_positive", sql`${t.amount} > 0`),
  ],
);
