import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { PgDialect } from "drizzle-orm/pg-core";
import { prepared } from "@/db/raw";
import { reservations } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { requireUser } from "@/lib/auth/policy";
import { Conflict } from "@/lib/errors";
import { Batcher } from "@/db/batcher";
import {
  createLimitParams,
  createLimitSql,
  createLimitsSql,
  refuseOverCreateLimit,
  type CreateLimit,
} from "@/lib/http/rate-limit";
import { claimKeySql, claimKeysSql, findKey, idempotentRequest, type IdempotentRequest } from "@/lib/idempotency";
import { reservableNotFound } from "./access";
import { wakeWorkers } from "./events";
import { RequestReservationInput } from "./schemas";

/**
 * `rateLimit`: count this request against the customer's `create` rate limit inside the statement
 * (the doors set it; the verb's other callers, tests and benchmarks, count nothing).
 */
type RequestOptions = { idempotencyKey?: string; rateLimit?: boolean };

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
  inserted: string | null;
  rl_points: number | null;
  rl_expire: string | Date | null;
};

/**
 * The request path's one statement, its text made once (a request pays no query building): its
 * parameters, in order, are (the `create` rate limit's count:) its key, time, seconds, key again and
 * time twice more, then the customer, the reservable, the quantity, (the limit's condition:) its key
 * and points, (the key's claim:) the key's user, scope, key, hash and resource, then the new id, the
 * customer and the quantity again.
 *
 * The count is the `rl` CTE (lib/http/rate-limit.ts owns its text): it runs on every request, and the
 * reservation is inserted and the key claimed only when `ok` holds, which includes the limit's
 * condition. The final select reads `rl` even when the reservable does not exist (`left join r`), so
 * an attempt over the limit is answered 429 whatever else would refuse it.
 */
function requestStatement(withKey: boolean) {
  const p = (n: string) => sql.placeholder(n);
  const rl = createLimitSql("rl", { key: p("lk"), seconds: p("ls"), now: p("ln"), points: p("lp") });
  const claim = withKey
    ? claimKeySql(
        { userId: p("u") as never, scope: p("s") as never, key: p("k") as never, hash: p("h") as never },
        p("i") as never,
        sql`select 1 from ok`,
      )
    : sql`select true as claimed`;
  const q = new PgDialect().sqlToQuery(sql`
    with ${rl.count},
    r as (
      select r.id, r.status, p.status::text as product_status, r.opens_at, r.per_customer_limit,
             coalesce(r.opens_at > now(), false) as not_open,
             coalesce(r.starts_at <= now(), false) as started,
             case when r.per_customer_limit is null then 0 else (
               select coalesce(sum(x.quantity), 0)::int from reservations x
               where x.reservable_id = r.id and x.customer_id = ${p("c")} and x.status in ('confirmed', 'paid')) end as held
      from reservables r join products p on p.id = r.product_id
      where r.id = ${p("r")}
    ),
    ok as (
      select r.id from r
      where r.product_status = 'on_sale' and r.status = 'open' and not r.not_open and not r.started
        and (r.per_customer_limit is null or r.held + ${p("q")} <= r.per_customer_limit)
        and ${rl.within}
    ),
    k as (${claim}),
    ins as (
      insert into reservations (id, reservable_id, customer_id, quantity, status, created_at)
      select ${p("i")}, ok.id, ${p("c")}, ${p("q")}, 'pending', clock_timestamp()
      from ok where exists (select 1 from k)
      returning id
    )
    select r.*, (select id from ins) as inserted,
           (select points from rl) as rl_points, (select expire from rl) as rl_expire
    from (select) as one left join r on true`);
  return { text: q.sql, order: q.params.map((x) => (x as { name: string }).name).join(",") };
}
const REQUEST = requestStatement(false);
const REQUEST_WITH_KEY = requestStatement(true);
// The parameter order the call sites below rely on.
const LIMIT_ORDER = "lk,ln,ls,lk,ln,ln";
if (
  REQUEST.order !== `${LIMIT_ORDER},c,r,q,lk,lp,i,c,q` ||
  REQUEST_WITH_KEY.order !== `${LIMIT_ORDER},c,r,q,lk,lp,u,s,k,h,i,i,c,q`
)
  throw new Error(`request-reservation: unexpected parameter order ${REQUEST.order} / ${REQUEST_WITH_KEY.order}`);

/**
 * The same statement for a batch of requests (submitReservationRequest's group commit, below): one row
 * of `b` per request, its parameters as arrays in request order (`c` customers, `r` reservables, `q`
 * quantities, `lk`/`ls`/`lp` the rate limit's key, seconds and points, `i` the new ids, `k`/`h` the
 * Idempotency-Keys and their hashes, null without one), then the clock of the counts (`ln`) and the
 * keys' scope (`s`). It answers one row per request in request order, each what the one-request
 * statement answers for it, and inserts the accepted ones in that order (their `seq`). No customer
 * appears twice in a batch (the batcher's key), so each rate-limit row and key is touched once.
 */
const BATCH = (() => {
  const p = (n: string) => sql.placeholder(n);
  const rl = createLimitsSql("rl", "b", p("ln"));
  const claim = claimKeysSql(
    { userId: sql`ok.c`, scope: p("s"), key: sql`ok.k`, hash: sql`ok.h`, resourceId: sql`ok.i` },
    sql`from ok where ok.k is not null order by ok.c, ok.k`,
  );
  const q = new PgDialect().sqlToQuery(sql`
    with b as (
      select * from unnest(${p("c")}::uuid[], ${p("r")}::uuid[], ${p("q")}::int[], ${p("lk")}::text[],
                           ${p("ls")}::int[], ${p("lp")}::int[], ${p("i")}::uuid[], ${p("k")}::text[],
                           ${p("h")}::text[])
        with ordinality as b(c, r, q, lk, ls, lp, i, k, h, ord)
    ),
    ${rl.count},
    r as (
      select b.*, x.id, x.status, x.product_status, x.opens_at, x.per_customer_limit, x.not_open, x.started,
             case when x.per_customer_limit is null then 0 else (
               select coalesce(sum(y.quantity), 0)::int from reservations y
               where y.reservable_id = x.id and y.customer_id = b.c and y.status in ('confirmed', 'paid')) end as held
      from b left join (
        select r.id, r.status, p.status::text as product_status, r.opens_at, r.per_customer_limit,
               coalesce(r.opens_at > now(), false) as not_open,
               coalesce(r.starts_at <= now(), false) as started
        from reservables r join products p on p.id = r.product_id
      ) x on x.id = b.r
    ),
    ok as (
      select r.ord, r.id, r.c, r.q, r.i, r.k, r.h from r left join rl on rl.key = r.lk
      where r.product_status = 'on_sale' and r.status = 'open' and not r.not_open and not r.started
        and (r.per_customer_limit is null or r.held + r.q <= r.per_customer_limit)
        and ${rl.within("r")}
    ),
    k as (${claim}),
    ins as (
      insert into reservations (id, reservable_id, customer_id, quantity, status, created_at)
      -- The clock is read above the sort, as the seqs are taken: in request order, so the two agree.
      select a.i, a.id, a.c, a.q, 'pending', clock_timestamp() from (
        select ok.* from ok
        where ok.k is null or exists (select 1 from k where k.user_id = ok.c and k.key = ok.k)
        order by ok.ord
      ) a
      returning id
    )
    select r.id, r.status, r.product_status, r.not_open, r.started, r.opens_at, r.per_customer_limit, r.held,
           (select ins.id from ins where ins.id = r.i) as inserted,
           rl.points as rl_points, rl.expire as rl_expire
    from r left join rl on rl.key = r.lk
    order by r.ord`);
  return { text: q.sql, order: q.params.map((x) => (x as { name: string }).name) };
})();

/**
 * Records a reservation request as `pending` (submitReservationRequest then wakes the workers). It
 * never locks the reservable: on launch day thousands of these run at once on one row, and the
 * decision is the worker's, batched under one lock (decide-batch.ts).
 *
 * One statement does the checks, the Idempotency-Key claim and the INSERT (and, from the doors, the
 * rate limit's count), so the request path is one round trip (and one commit) to PostgreSQL. Arrival
 * order is `seq`, taken by this INSERT; `created_at` is the clock at that moment (not the transaction
 * start), so the worker's grace window measures from when the number was taken. The caller answers
 * 202 only after the commit. See docs/decisions/0003-reservation-arrival-order.md.
 */
export async function requestReservation(
  tx: Db | Tx,
  actor: Actor | null,
  raw: unknown,
  opts: RequestOptions = {},
): Promise<RequestedReservation> {
  const req = prepareRequest(actor, raw, opts);
  return answer(tx, req, await recordOne(tx, req));
}

/** A request checked and numbered, before its statement: everything the statement's parameters need. */
type Prepared = {
  customer: { id: string };
  input: RequestReservationInput;
  limit: CreateLimit;
  id: string;
  idem: IdempotentRequest | null;
};

function prepareRequest(actor: Actor | null, raw: unknown, opts: RequestOptions): Prepared {
  const customer = requireUser(actor, "reservation:request");
  // Invalid input is refused here, before the statement, so it is not counted against the rate limit
  // (when the doors counted it in a statement of its own first, it was): a 422 costs the shop no write.
  const input = RequestReservationInput.parse(raw);
  return {
    customer,
    input,
    limit: createLimitParams(opts.rateLimit ? customer : null),
    id: randomUUID(),
    idem: idempotentRequest({ userId: customer.id, scope: "reservation", key: opts.idempotencyKey }, input),
  };
}

/** One request's statement, alone (in the caller's transaction, if it has one). */
async function recordOne(tx: Db | Tx, r: Prepared): Promise<Row> {
  const { limit, idem } = r;
  // The key is claimed only with the reservation (a refused request leaves no key behind). A concurrent
  // duplicate waits on the primary key until the first commits, then claims nothing.
  const rows = await prepared<Row>(tx, idem ? REQUEST_WITH_KEY.text : REQUEST.text, [
    limit.key,
    limit.now,
    limit.seconds,
    limit.key,
    limit.now,
    limit.now,
    r.customer.id,
    r.input.reservableId,
    r.input.quantity,
    limit.key,
    limit.points,
    ...(idem ? [idem.userId, idem.scope, idem.key, idem.hash, r.id] : []),
    r.id,
    r.customer.id,
    r.input.quantity,
  ]);
  return rows[0]!;
}

/** What the statement's row says to the customer: the 202, or why not (the same for one or a batch). */
async function answer(tx: Db | Tx, req: Prepared, r: Row): Promise<RequestedReservation> {
  // Over the limit is 429 first, whatever else would refuse the request (as when it was counted first).
  refuseOverCreateLimit(req.limit, { points: r.rl_points, expire: r.rl_expire });
  if (r.product_status !== "on_sale") throw reservableNotFound();
  if (r.inserted) return { id: r.inserted, status: "pending", replayed: false, reservableId: r.id };

  if (req.idem) {
    const first = await replay(tx, req.idem);
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

/** What one request of a batch came to: its statement's row, or the error its statement alone met. */
type Recorded = { row: Row } | { error: unknown };

/**
 * The requests of one batch in one statement and one commit. A batch of one runs the one-request
 * statement. If the batch's statement fails on one request's account (a constraint, say, or a deadlock
 * with a batch of another instance: SQLSTATE classes 22 and 23, 40001 and 40P01), nothing of it was
 * written, and its two halves go again, one after the other (in request order, within this batch's
 * turn: one connection), down to the request that fails alone: its failure is its own, and one bad
 * request in a batch of 100 costs about 14 statements, not 100. A failure of the database itself (an
 * outage, a timeout, a connection lost with the commit's fate unknown) fails them all, as it would
 * each of them.
 */
async function recordBatch(db: Db, batch: Prepared[], depth = 0): Promise<Recorded[]> {
  if (batch.length === 1) {
    try {
      return [{ row: await recordOne(db, batch[0]!) }];
    } catch (error) {
      if (onOneRequestsAccount(error)) return [{ error }];
      throw error;
    }
  }
  try {
    const values: Record<string, unknown> = {
      c: batch.map((r) => r.customer.id),
      r: batch.map((r) => r.input.reservableId),
      q: batch.map((r) => r.input.quantity),
      lk: batch.map((r) => r.limit.key),
      ls: batch.map((r) => r.limit.seconds),
      lp: batch.map((r) => r.limit.points),
      i: batch.map((r) => r.id),
      k: batch.map((r) => r.idem?.key ?? null),
      h: batch.map((r) => r.idem?.hash ?? null),
      ln: new Date().toISOString(),
      s: "reservation",
    };
    const rows = await prepared<Row>(db, BATCH.text, BATCH.order.map((n) => values[n]));
    return rows.map((row) => ({ row }));
  } catch (error) {
    if (!onOneRequestsAccount(error)) throw error;
    if (depth === 0)
      console.warn(`[reservations] a batch of ${batch.length} requests failed (${String(error)}); its halves go again`);
    const half = Math.ceil(batch.length / 2);
    const first = await recordBatch(db, batch.slice(0, half), depth + 1);
    return [...first, ...(await recordBatch(db, batch.slice(half), depth + 1))];
  }
}

function onOneRequestsAccount(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === "string" && (/^(22|23)/.test(code) || code === "40001" || code === "40P01");
}

/**
 * Group commit of the doors' requests, one batcher per database pool: while `IN_FLIGHT` batches are
 * out, the requests that arrive wait and go together in the next (at most `MAX_BATCH`); at low load
 * each goes alone at once. On launch day this is one statement, one round trip and one commit for
 * tens of requests instead of one each (docs/decisions/0004, "Batched intake"). A customer's requests
 * never share a batch, nor go while a batch holds one of theirs (db/batcher.ts).
 */
const IN_FLIGHT = 2;
const MAX_BATCH = 100;
const batchers = new WeakMap<Db, Batcher<Prepared, Recorded>>();
export function requestBatcher(db: Db): Batcher<Prepared, Recorded> {
  let b = batchers.get(db);
  if (!b) {
    b = new Batcher((batch) => recordBatch(db, batch), {
      maxInFlight: IN_FLIGHT,
      maxBatch: MAX_BATCH,
      keyOf: (r) => r.customer.id,
    });
    batchers.set(db, b);
  }
  return b;
}

/**
 * The request path's door helper: records the request (batched with the requests arriving with it,
 * one statement and one commit; the answer only after that commit) and then wakes the workers
 * (events.ts says why the NOTIFY is not inside that transaction).
 */
export async function submitReservationRequest(
  db: Db,
  actor: Actor | null,
  raw: unknown,
  opts: RequestOptions = {},
): Promise<RequestedReservation> {
  const req = prepareRequest(actor, raw, opts);
  const recorded = await requestBatcher(db).submit(req);
  if ("error" in recorded) throw recorded.error;
  const r = await answer(db, req, recorded.row);
  if (!r.replayed && r.reservableId) wakeWorkers(db, r.reservableId);
  return r;
}
