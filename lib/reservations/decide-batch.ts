import { sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { addTaken, isClosed, type LockedReservable } from "./locked";

export type PendingRequest = { id: string; seq: number; customerId: string; quantity: number };
export type Decision = {
  id: string;
  status: "confirmed" | "rejected";
  reason: string | null;
  quantity: number;
};
export type RejectReason = "sold_out" | "over_limit" | "closed" | "cancelled";

/**
 * The rule, with no I/O: requests in arrival order (seq); each is confirmed if it fits in what is
 * left and keeps the customer within the per-customer limit (counting what they already hold and
 * what this batch gave them), otherwise rejected with the reason. A request too big for what is left
 * does not block a later smaller one (first fit in arrival order).
 */
export function allocate(
  requests: PendingRequest[],
  free: number,
  limit: number | null,
  held: Map<string, number>,
): Decision[] {
  const holding = new Map(held);
  let left = free;
  return requests.map((req) => {
    const has = holding.get(req.customerId) ?? 0;
    if (limit !== null && has + req.quantity > limit)
      return { id: req.id, status: "rejected", reason: "over_limit", quantity: req.quantity };
    if (req.quantity > left)
      return { id: req.id, status: "rejected", reason: "sold_out", quantity: req.quantity };
    left -= req.quantity;
    holding.set(req.customerId, has + req.quantity);
    return { id: req.id, status: "confirmed", reason: null, quantity: req.quantity };
  });
}

export type DecideResult = {
  decided: number;
  confirmed: number;
  rejected: number;
  /** More pending rows are ready now (the batch was full). */
  more: boolean;
  /** Pending rows younger than the grace window: look again after this many ms. */
  retryInMs: number | null;
};

export function graceMs(): number {
  return Number(process.env.RESERVATION_GRACE_MS ?? 250);
}
/** The least time between two batches of one reservable while requests wait out the grace window. */
export function batchGapMs(): number {
  return Number(process.env.RESERVATION_BATCH_GAP_MS ?? 25);
}
export function batchSize(): number {
  return Number(process.env.RESERVATION_BATCH_SIZE ?? 1000);
}

/**
 * Decides up to `limit` pending requests of a reservable whose row the caller holds FOR UPDATE: one
 * SELECT of the pending rows in seq order, one UPDATE for all decisions, one UPDATE of `taken`.
 *
 * Only rows older than the grace window are decided, and the batch stops at the first younger one:
 * a seq is taken at INSERT but becomes visible at COMMIT, so a lower seq may still be in flight while a
 * higher one is visible. Waiting out the grace window keeps "first by seq" true (ADR 0003). The SELECT
 * reads no further than that first younger row (its age says when to look again): under a steady
 * stream most pending rows are younger, and reading them all at every batch cost the worker and
 * PostgreSQL more than deciding did. One clock reading for the cut and the ages, so the two agree.
 * Exactly once: the transaction commits every decision and `taken` together or nothing, and the
 * UPDATE only touches rows still pending.
 */
export async function decidePending(
  tx: Tx,
  r: LockedReservable,
  opts: { limit?: number; graceMs?: number } = {},
): Promise<DecideResult> {
  const limit = opts.limit ?? batchSize();
  const grace = opts.graceMs ?? graceMs();
  const rows = await tx.execute<{
    id: string;
    seq: string;
    customer_id: string;
    quantity: number;
    age_ms: number;
  }>(sql`
    with t as (select clock_timestamp() as now)
    select p.id, p.seq, p.customer_id, p.quantity,
           extract(epoch from (t.now - p.created_at)) * 1000 as age_ms
    from reservations p, t
    where p.reservable_id = ${r.id} and p.status = 'pending'
      and p.seq <= coalesce((
        select y.seq from reservations y, t
        where y.reservable_id = ${r.id} and y.status = 'pending'
          and y.created_at > t.now - make_interval(secs => ${grace / 1000})
        order by y.seq limit 1), p.seq)
    order by p.seq
    limit ${limit}`);
  let retryInMs: number | null = null;
  const ready: PendingRequest[] = [];
  for (const row of rows) {
    const age = Number(row.age_ms);
    if (age < grace) {
      retryInMs = Math.max(1, Math.ceil(grace - age));
      break;
    }
    ready.push({ id: row.id, seq: Number(row.seq), customerId: row.customer_id, quantity: row.quantity });
  }
  if (ready.length === 0) return { decided: 0, confirmed: 0, rejected: 0, more: false, retryInMs };

  let decisions: Decision[];
  if (isClosed(r)) {
    const reason: RejectReason = r.status === "cancelled" ? "cancelled" : "closed";
    decisions = ready.map((q) => ({ id: q.id, status: "rejected", reason, quantity: q.quantity }));
  } else {
    const held = new Map<string, number>();
    if (r.perCustomerLimit !== null) {
      const customers = [...new Set(ready.map((q) => q.customerId))];
      const rows = await tx.execute<{ customer_id: string; q: number }>(sql`
        select customer_id, sum(quantity)::int as q from reservations
        where reservable_id = ${r.id} and status in ('confirmed', 'paid')
          and customer_id = any(${sql.param(customers)}::uuid[])
        group by customer_id`);
      for (const h of rows) held.set(h.customer_id, h.q);
    }
    decisions = allocate(ready, r.capacity - r.taken, r.perCustomerLimit, held);
  }

  const updated = await tx.execute(sql`
    update reservations t set
      status = d.status::reservation_status,
      reason = d.reason,
      decided_at = now(),
      updated_at = now(),
      hold_expires_at = case when d.status = 'confirmed' then now() + make_interval(mins => ${r.holdMinutes}) end
    from unnest(${sql.param(decisions.map((d) => d.id))}::uuid[],
                ${sql.param(decisions.map((d) => d.status))}::text[],
                ${sql.param(decisions.map((d) => d.reason))}::text[]) as d(id, status, reason)
    where t.id = d.id and t.status = 'pending'`);
  // Under the reservable's lock nobody else decides these rows; a mismatch is a bug, and rolling
  // back is the safe answer (the rows stay pending for the next run).
  if (updated.count !== decisions.length)
    throw new Error(`decide: expected ${decisions.length} pending rows, updated ${updated.count}`);

  const confirmed = decisions.filter((d) => d.status === "confirmed");
  await addTaken(
    tx,
    r,
    confirmed.reduce((n, d) => n + d.quantity, 0),
  );
  return {
    decided: decisions.length,
    confirmed: confirmed.length,
    rejected: decisions.length - confirmed.length,
    more: rows.length === limit && retryInMs === null,
    retryInMs,
  };
}
