import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { PgDialect } from "drizzle-orm/pg-core";
import { prepared } from "@/db/raw";
import { reservations } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { requireUser } from "@/lib/auth/policy";
import { Conflict } from "@/lib/errors";
import { createLimitParams, createLimitSql, refuseOverCreateLimit } from "@/lib/http/rate-limit";
import { claimKeySql, findKey, idempotentRequest, type IdempotentRequest } from "@/lib/idempotency";
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
  key_claimed: boolean | null;
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
    select r.*, (select claimed from k) as key_claimed, (select id from ins) as inserted,
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
  const customer = requireUser(actor, "reservation:request");
  // Invalid input is refused here, before the statement, so it is not counted against the rate limit
  // (when the doors counted it in a statement of its own first, it was): a 422 costs the shop no write.
  const input = RequestReservationInput.parse(raw);
  const limit = createLimitParams(opts.rateLimit ? customer : null);
  const id = randomUUID();
  const idem = idempotentRequest(
    { userId: customer.id, scope: "reservation", key: opts.idempotencyKey },
    input,
  );

  // The key is claimed only with the reservation (a refused request leaves no key behind). A concurrent
  // duplicate waits on the primary key until the first commits, then claims nothing.
  const rows = await prepared<Row>(tx, idem ? REQUEST_WITH_KEY.text : REQUEST.text, [
    limit.key,
    limit.now,
    limit.seconds,
    limit.key,
    limit.now,
    limit.now,
    customer.id,
    input.reservableId,
    input.quantity,
    limit.key,
    limit.points,
    ...(idem ? [idem.userId, idem.scope, idem.key, idem.hash, id] : []),
    id,
    customer.id,
    input.quantity,
  ]);
  const r = rows[0]!;
  // Over the limit is 429 first, whatever else would refuse the request (as when it was counted first).
  refuseOverCreateLimit(limit, { points: r.rl_points, expire: r.rl_expire });
  if (r.product_status !== "on_sale") throw reservableNotFound();
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
  opts: RequestOptions = {},
): Promise<RequestedReservation> {
  const r = await requestReservation(db, actor, raw, opts);
  if (!r.replayed && r.reservableId) wakeWorkers(db, r.reservableId);
  return r;
}
