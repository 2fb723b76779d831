import { and, eq, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { payments, refunds } from "@/db/schema";
import { callProvider } from "./call";
import { paymentProvider } from "./index";
import { ProviderRefusal, type PaymentProvider } from "./provider";
import type { PaymentRow } from "./records";

export type RefundRequest = {
  paymentId: string;
  /** What the refund is for (`seller_order`, `reservation`…): one refund per payment and thing, ever. */
  refType: string;
  refId: string;
  /** Default: all that is left of the payment. Never more than what is left. */
  amount?: number;
  reason: string | null;
  actorUserId: string | null;
};
export type RefundIntent = { id: string; paymentId: string; refType: string; refId: string; amount: number };
export type RefundTally = { succeeded: number; failed: number; pending: number };

const REFUNDABLE: PaymentRow["status"][] = ["captured", "partially_refunded", "refunded"];
const CHUNK = 1000;
/** Refunds made at once after a commit: a call-off of hundreds should not take hundreds of round trips in a row. */
const PARALLEL = 4;

/** The idempotency key of the refund of one payment for one reason, the same however often it is asked. */
export const refundKey = (r: { paymentId: string; refType: string; refId: string }) =>
  `refund:${r.paymentId}:${r.refType}:${r.refId}`;

/**
 * Records refunds to make as `pending` rows, inside the transaction that decided them (a cancellation), so
 * they commit or roll back with it; calls no provider (`makeRefunds` does, after COMMIT). A reason that
 * already has a refund is skipped (the row's key is unique), and a payment is never refunded past what was
 * captured: its row is locked here, and the CHECK on `refunded_amount` is the backstop.
 */
export async function requestRefunds(tx: Tx, reqs: RefundRequest[]): Promise<RefundIntent[]> {
  if (reqs.length === 0) return [];
  const ids = [...new Set(reqs.map((r) => r.paymentId))].sort();
  const paid = await tx
    .select({ id: payments.id, amount: payments.amount, status: payments.status, ref: payments.providerRef })
    .from(payments)
    .where(sql`${payments.id} = any(${sql.param(ids)}::uuid[])`)
    .orderBy(payments.id)
    .for("update");
  const existing = await tx
    .select({
      paymentId: refunds.paymentId,
      refType: refunds.refType,
      refId: refunds.refId,
      amount: refunds.amount,
      status: refunds.status,
    })
    .from(refunds)
    .where(sql`${refunds.paymentId} = any(${sql.param(ids)}::uuid[])`);
  const left = new Map(
    paid.filter((p) => p.ref && REFUNDABLE.includes(p.status)).map((p) => [p.id, p.amount]),
  );
  const asked = new Set<string>();
  for (const r of existing) {
    asked.add(refundKey(r));
    if (r.status !== "failed" && left.has(r.paymentId))
      left.set(r.paymentId, left.get(r.paymentId)! - r.amount);
  }
  const rows: (typeof refunds.$inferInsert)[] = [];
  for (const r of reqs) {
    const key = refundKey(r);
    const remaining = left.get(r.paymentId) ?? 0;
    const amount = Math.min(r.amount ?? remaining, remaining);
    if (asked.has(key) || amount <= 0) continue;
    asked.add(key);
    left.set(r.paymentId, remaining - amount);
    rows.push({ ...r, amount, idempotencyKey: key, status: "pending" });
  }
  const made: RefundIntent[] = [];
  for (let i = 0; i < rows.length; i += CHUNK) {
    made.push(
      ...(await tx
        .insert(refunds)
        .values(rows.slice(i, i + CHUNK))
        .onConflictDoNothing()
        .returning({
          id: refunds.id,
          paymentId: refunds.paymentId,
          refType: refunds.refType,
          refId: refunds.refId,
          amount: refunds.amount,
        })),
    );
  }
  return made;
}

/**
 * Makes recorded refunds: the provider outside any transaction, with each refund's key, then its outcome
 * in one statement. After a call the provider did not answer, the rest are left `pending` for the sweep
 * (the provider is likely down); a refusal marks that refund `failed` for a person to look at.
 */
export async function makeRefunds(
  db: Db,
  ids: string[],
  opts: { provider?: PaymentProvider } = {},
): Promise<RefundTally> {
  const provider = opts.provider ?? paymentProvider();
  const tally: RefundTally = { succeeded: 0, failed: 0, pending: 0 };
  const queue = [...ids];
  let unanswered = false;
  await Promise.all(
    Array.from({ length: Math.min(PARALLEL, queue.length) }, async () => {
      for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
        if (unanswered) {
          tally.pending++;
          continue;
        }
        const outcome = await makeRefund(db, provider, id);
        if (outcome === "pending") unanswered = true;
        if (outcome !== "skipped") tally[outcome]++;
      }
    }),
  );
  return tally;
}

/**
 * The shape of every verb that refunds: `work` decides in one transaction and returns the refunds it
 * requested; they are made after COMMIT, never under its locks. A rolled-back `work` refunds nothing.
 */
export async function withRefunds<T extends { refunds: RefundIntent[] }>(
  db: Db,
  work: (tx: Tx) => Promise<T>,
  opts: { provider?: PaymentProvider } = {},
): Promise<T & { made: RefundTally }> {
  const out = await db.transaction(work);
  const made = await makeRefunds(
    db,
    out.refunds.map((r) => r.id),
    opts,
  );
  return { ...out, made };
}

async function makeRefund(
  db: Db,
  provider: PaymentProvider,
  id: string,
): Promise<keyof RefundTally | "skipped"> {
  const [r] = await db
    .select({ key: refunds.idempotencyKey, amount: refunds.amount, authorizationId: payments.providerRef })
    .from(refunds)
    .innerJoin(payments, eq(payments.id, refunds.paymentId))
    .where(and(eq(refunds.id, id), eq(refunds.status, "pending")));
  if (!r) return "skipped";
  let refundId: string;
  try {
    ({ refundId } = await callProvider("refund", () =>
      provider.refund({ key: r.key, authorizationId: r.authorizationId!, amount: r.amount }),
    ));
  } catch (e) {
    if (!(e instanceof ProviderRefusal)) {
      console.warn(`[payments] refund ${id} left to the sweep:`, String(e));
      return "pending";
    }
    console.warn(`[payments] refund ${id} refused:`, e.message);
    await db
      .update(refunds)
      .set({ status: "failed", failureReason: e.message, updatedAt: sql`now()` })
      .where(and(eq(refunds.id, id), eq(refunds.status, "pending")));
    return "failed";
  }
  // The refund and the payment's refunded amount move together, once: a second recording finds it done.
  await db.execute(sql`
    with r as (
      update refunds set status = 'succeeded', provider_ref = ${refundId}, updated_at = now()
      where id = ${id} and status = 'pending'
      returning payment_id, amount)
    update payments p set
      refunded_amount = p.refunded_amount + r.amount,
      status = case when p.refunded_amount + r.amount >= p.amount then 'refunded'::payment_status
                    else 'partially_refunded'::payment_status end,
      updated_at = now()
    from r where p.id = r.payment_id`);
  return "succeeded";
}
