import { inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { payments } from "@/db/schema";
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
  const age = opts.olderThanMs ?? settleAfterMs();
  const limit = opts.limit ?? 100;
  const openIds = await claimStale(db, "payments", OPEN, age, limit);
  const open = openIds.length
    ? await db.select().from(payments).where(inArray(payments.id, openIds)).orderBy(payments.createdAt)
    : [];
  let failed = 0;
  for (const p of open) {
    try {
      await OWNERS[p.purpose](db, provider, p);
    } catch (e) {
      failed++;
      opts.log?.(`payment ${p.id} not settled (will retry): ${String(e)}`);
    }
  }
  const due = await claimStale(db, "refunds", ["pending"], age, limit);
  const made = await makeRefunds(db, due, { provider });
  return { payments: open.length - failed, failed, refunds: made };
}

/**
 * Claims up to `limit` rows of `table` in one of `statuses` untouched for `olderThanMs`, by touching
 * their `updated_at`: another sweep passes them over for a while. Locks only for this one statement.
 */
async function claimStale(
  db: Db,
  table: "payments" | "refunds",
  statuses: string[],
  olderThanMs: number,
  limit: number,
): Promise<string[]> {
  const t = sql.identifier(table);
  const status = sql.identifier(table === "payments" ? "payment_status" : "refund_status");
  const rows = await db.execute<{ id: string }>(sql`
    update ${t} set updated_at = now()
    where id in (
      select id from ${t}
      where status = any(${sql.param(statuses)}::${status}[])
        and updated_at <= now() - make_interval(secs => ${olderThanMs / 1000})
      order by updated_at limit ${limit}
      for update skip locked)
    returning id`);
  return rows.map((r) => r.id);
}
