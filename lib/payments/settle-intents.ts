import { and, inArray, lte, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { payments, refunds } from "@/db/schema";
import { settleOrderPayment } from "@/lib/orders/order-payment";
import { settleReservationPayment } from "@/lib/reservations/payment-outcome";
import { paymentProvider } from "./index";
import type { PaymentProvider } from "./provider";
import { OPEN, type PaymentPurpose, type PaymentRow } from "./records";
import { makeRefunds, type RefundTally } from "./refund";

/** How each purpose settles a payment its caller left open; each is the same code its verb runs. */
const OWNERS: Record<PaymentPurpose, (db: Db, provider: PaymentProvider, p: PaymentRow) => Promise<void>> = {
  order: settleOrderPayment,
  reservation: settleReservationPayment,
};

/** An open intent untouched this long is the sweep's: longer than any call (PAYMENT_TIMEOUT_MS) takes. */
export function settleAfterMs(): number {
  return Number(process.env.PAYMENT_SETTLE_AFTER_MS ?? 60_000);
}

export type SettleIntentsResult = { payments: number; failed: number; refunds: RefundTally };

/**
 * The worker's sweep of payment intents left unfinished by a crash or a provider that did not answer:
 * each open payment is settled by its purpose (the provider asked by key; completed, or released with
 * what its order held), each pending refund made with its own key, so however often this runs, and
 * however many workers run it, nothing is charged or refunded twice.
 *
 * Rows are claimed by touching `updated_at` in one short statement (SKIP LOCKED), so two sweeps rarely
 * ask about the same row; no lock is held while the provider is called.
 */
export async function settleIntents(
  db: Db,
  opts: { provider?: PaymentProvider; olderThanMs?: number; limit?: number; log?: (m: string) => void } = {},
): Promise<SettleIntentsResult> {
  const provider = opts.provider ?? paymentProvider();
  const limit = opts.limit ?? 100;
  const before = sql`now() - make_interval(secs => ${(opts.olderThanMs ?? settleAfterMs()) / 1000})`;
  const open = await db
    .update(payments)
    .set({ updatedAt: sql`now()` })
    .where(
      inArray(
        payments.id,
        db
          .select({ id: payments.id })
          .from(payments)
          .where(and(inArray(payments.status, OPEN), lte(payments.updatedAt, before)))
          .orderBy(payments.updatedAt)
          .limit(limit)
          .for("update", { skipLocked: true }),
      ),
    )
    .returning();
  let failed = 0;
  for (const p of open) {
    try {
      await OWNERS[p.purpose](db, provider, p);
    } catch (e) {
      failed++;
      opts.log?.(`payment ${p.id} not settled (will retry): ${String(e)}`);
    }
  }
  const due = await db
    .update(refunds)
    .set({ updatedAt: sql`now()` })
    .where(
      inArray(
        refunds.id,
        db
          .select({ id: refunds.id })
          .from(refunds)
          .where(and(inArray(refunds.status, ["pending"]), lte(refunds.updatedAt, before)))
          .orderBy(refunds.updatedAt)
          .limit(limit)
          .for("update", { skipLocked: true }),
      ),
    )
    .returning({ id: refunds.id });
  const made = await makeRefunds(
    db,
    due.map((r) => r.id),
    { provider },
  );
  return { payments: open.length - failed, failed, refunds: made };
}
