import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { reservations } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { requireUser } from "@/lib/auth/policy";
import { Conflict } from "@/lib/errors";
import { claimKeySql, findKey, idempotentRequest, type IdempotentRequest } from "@/lib/idempotency";
import { reservableNotFound } from "./access";
import { wakeWorkers } from "./events";
import { RequestReservationInput } from "./schemas";

export type RequestedReservation = { id: string; status: string; replayed: boolean; reservableId?: string };

type Row = {
  id: string;
  status: "open" | "cancelled";
  product_status: string;
  not_open: boolean;
  started: boolean;
  opens_at: string | Date | null;
  per_customer_limit: number | null;
  held: number;
  key_claimed: boolean | null;
  inserted: string | null;
};

/**
 * Records a reservation request as `pending` (submitReservationRequest then wakes the workers). It
 * never locks the reservable: on launch day thousands of these run at once on one row, and the
 * decision is the worker's, batched under one lock (decide-batch.ts).
 *
 * One statement does the checks, the Idempotency-Key claim and the INSERT, so the request path is one
 * round trip (and one commit) to PostgreSQL. Arrival order is `seq`, taken by this INSERT;
 * `created_at` is the clock at that moment (not the transaction start), so the worker's grace window
 * measures from when the number was taken. The caller answers 202 only after the commit. See
 * docs/decisions/0003-reservation-arrival-order.md.
 */
export async function requestReservation(
  tx: Db | Tx,
  actor: Actor | null,
  raw: unknown,
  opts: { idempotencyKey?: string } = {},
): Promise<RequestedReservation> {
  const customer = requireUser(actor, "reservation:request");
  const input = RequestReservationInput.parse(raw);
  const id = randomUUID();
  const idem = idempotentRequest(
    { userId: customer.id, scope: "reservation", key: opts.idempotencyKey },
    input,
  );

  // The key is claimed only with the reservation (a refused request leaves no key behind). A concurrent
  // duplicate waits on the primary key until the first commits, then claims nothing.
  const claim = idem ? claimKeySql(idem, id, sql`select 1 from ok`) : sql`select true as claimed`;
  const rows = await tx.execute<Row>(sql`
    with r as (
      select r.id, r.status, p.status::text as product_status, r.opens_at, r.per_customer_limit,
             coalesce(r.opens_at > now(), false) as not_open,
             coalesce(r.starts_at <= now(), false) as started,
             case when r.per_customer_limit is null then 0 else (
               select coalesce(sum(x.quantity), 0)::int from reservations x
               where x.reservable_id = r.id and x.customer_id = ${customer.id} and x.status in ('confirmed', 'paid')) end as held
      from reservables r join products p on p.id = r.product_id
      where r.id = ${input.reservableId}
    ),
    ok as (
      select r.id from r
      where r.product_status = 'on_sale' and r.status = 'open' and not r.not_open and not r.started
        and (r.per_customer_limit is null or r.held + ${input.quantity} <= r.per_customer_limit)
    ),
    k as (${claim}),
    ins as (
      insert into reservations (id, reservable_id, customer_id, quantity, status, created_at)
      select ${id}, ok.id, ${customer.id}, ${input.quantity}, 'pending', clock_timestamp()
      from ok where exists (select 1 from k)
      returning id
    )
    select r.*, (select claimed from k) as key_claimed, (select id from ins) as inserted from r`);
  const r = rows[0];
  if (!r || r.product_status !== "on_sale") throw reservableNotFound();
  if (r.inserted) return { id: r.inserted, status: "pending", replayed: false, reservableId: r.id };

  if (idem) {
    const first = await replay(tx, idem);
    if (first) return first;
  }
  if (r.status === "cancelled")
    throw new Conflict("reservable.cancelled", "This reservation was called off.");
  if (r.not_open) {
    throw new Conflict("reservable.not_open", "Reservations have not opened yet.", {
      opensAt: new Date(r.opens_at!).toISOString(),
    });
  }
  if (r.started) throw new Conflict("reservable.closed", "This slot or launch has already started.");
  // The per-customer limit: asking for more than it, or already holding it (confirmed or paid). Not
  // the rule itself (the worker enforces it under the lock, counting what it confirms in the same
  // batch), but the customer hears it now instead of after a trip through the queue.
  throw new Conflict("reservation.over_limit", `At most ${r.per_customer_limit} per customer.`, {
    limit: r.per_customer_limit,
  });
}

/** The first reservation of this key (422 when it was another request), or null when the key is free. */
async function replay(tx: Db | Tx, idem: IdempotentRequest): Promise<RequestedReservation | null> {
  const firstId = await findKey(tx, idem);
  if (firstId === null) return null;
  const [first] = await tx
    .select({ id: reservations.id, status: reservations.status, reservableId: reservations.reservableId })
    .from(reservations)
    .where(eq(reservations.id, firstId));
  if (!first) throw new Error(`idempotency: reservation ${firstId} of a known key is missing`);
  return { ...first, replayed: true };
}

/**
 * The request path's door helper: records the request (one statement, its own commit) and then wakes
 * the workers (events.ts says why the NOTIFY is not inside that transaction).
 */
export async function submitReservationRequest(
  db: Db,
  actor: Actor | null,
  raw: unknown,
  opts: { idempotencyKey?: string } = {},
): Promise<RequestedReservation> {
  const r = await requestReservation(db, actor, raw, opts);
  if (!r.replayed && r.reservableId) wakeWorkers(db, r.reservableId);
  return r;
}
