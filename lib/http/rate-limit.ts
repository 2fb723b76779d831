import { sql, type SQL, type SQLChunk } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import { getDb, type Db } from "@/db/client";
import { prepared } from "@/db/raw";
import type { UserActor } from "@/lib/auth/actor";
import { RateLimited } from "@/lib/errors";

/**
 * Rate limits, counted in PostgreSQL (table `rate_limits`, the layout of rate-limiter-flexible's Drizzle
 * store, which these statements replaced, keeping its fixed windows) so that every app instance counts
 * against the same limit. Fixed windows; values from the environment (README):
 *
 *   signup  — per client address (there is no account yet): HUB_RATE_SIGNUPS_PER_HOUR (100 an hour)
 *   create  — orders, reservations, transfers, per account: HUB_RATE_CREATES_PER_MINUTE (30 a minute)
 *
 * Creations are not limited per address: Korean mobile carriers put many customers behind one address
 * (carrier-grade NAT), and on launch day a per-address counter would both refuse real customers and be
 * one hot row that every request of that address updates.
 *
 * `HUB_RATE_LIMITS=off` turns them all off. The doors (route handlers, server actions) call `rateLimit`
 * before the verb; a refusal is RateLimited (429 with Retry-After), and nothing is written. The reservation
 * request, the launch-day hot path, counts its `create` attempt inside its own statement instead
 * (createLimitSql below).
 */
export type LimitKind = "signup" | "create";

type Rule = { name: string; points: number; seconds: number };

function envInt(name: string, fallback: number): number {
  const v = Number(process.env[name]);
  return Number.isInteger(v) && v > 0 ? v : fallback;
}

const signupRule = (): Rule => ({
  name: "signup-ip",
  points: envInt("HUB_RATE_SIGNUPS_PER_HOUR", 100),
  seconds: 3600,
});
const createRule = (): Rule => ({
  name: "create-user",
  points: envInt("HUB_RATE_CREATES_PER_MINUTE", 30),
  seconds: 60,
});

/**
 * The count of one attempt in one window, as a fragment a statement embeds as a CTE (`a as (${…})`):
 * an upsert that returns the window's points and expire. A window whose `expire` has passed starts
 * again at 1 (fixed windows, as the library's store did). `onlyIf` skips the count (no row returned).
 * Key = `<rule name>:<key>`, the library's layout, so counts carry over. This is the one text of it:
 * CONSUME below and the reservation request's statements (createLimitSql for one, createLimitsSql for
 * a batch) all embed it.
 */
function countSql(p: { key: SQLChunk; seconds: SQLChunk; now: SQLChunk }, onlyIf?: SQL, from?: SQL): SQL {
  // `from`: the relation (with its own where and order) the attempts come from, when there are many.
  return sql`insert into rate_limits as t (key, points, expire)
    select ${p.key}::text, 1, ${p.now}::timestamptz + make_interval(secs => ${p.seconds}::int)
    ${from ?? sql``}
    ${onlyIf ? sql`where ${onlyIf}` : sql``}
    on conflict (key) do update set
      points = case when t.expire <= ${p.now}::timestamptz then 1 else t.points + 1 end,
      expire = case when t.expire <= ${p.now}::timestamptz then excluded.expire else t.expire end
    returning t.key, t.points, t.expire`;
}

/** A statement's text, made once, and the names of its placeholders in parameter order. */
function statement(q: SQL) {
  const built = new PgDialect().sqlToQuery(q);
  return { text: built.sql, order: built.params.map((x) => (x as { name: string }).name) };
}
const ph = (n: string) => sql.placeholder(n);

/**
 * One statement counts a point in each of up to two windows, the second only when the first is not over
 * its limit (a refused attempt counts nowhere further), and returns the counts. It is prepared once per
 * connection and carries its whole text (no query building per request): the hot POSTs run it on every
 * call.
 */
const CONSUME = statement(sql`
  with a as (${countSql({ key: ph("k1"), seconds: ph("s1"), now: ph("now") })}),
  b as (${countSql(
    { key: ph("k2"), seconds: ph("s2"), now: ph("now") },
    sql`${ph("k2")}::text is not null and (select points from a) <= ${ph("p1")}::int`,
  )})
  select a.points as a_points, a.expire as a_expire, b.points as b_points, b.expire as b_expire
  from a left join b on true`);

type Counted = { a_points: number; a_expire: string | Date; b_points: number | null; b_expire: string | Date | null };

const retryAfter = (expire: string | Date) => Math.max(1, Math.ceil((new Date(expire).getTime() - Date.now()) / 1000));

/** Counts one point against `first` (and, unless that is over its limit, `second`); RateLimited when over. */
async function consume(db: Db, first: { rule: Rule; key: string }, second?: { rule: Rule; key: string }) {
  sweepExpired(db);
  const values: Record<string, unknown> = {
    k1: `${first.rule.name}:${first.key}`,
    s1: first.rule.seconds,
    now: new Date().toISOString(),
    p1: first.rule.points,
    k2: second ? `${second.rule.name}:${second.key}` : null,
    s2: second?.rule.seconds ?? 0,
  };
  const [row] = await prepared<Counted>(db, CONSUME.text, CONSUME.order.map((n) => values[n]));
  if (row!.a_points > first.rule.points) throw new RateLimited(retryAfter(row!.a_expire));
  if (second && row!.b_points !== null && row!.b_points > second.rule.points)
    throw new RateLimited(retryAfter(row!.b_expire!));
}

/** Rows whose window ended over an hour ago are deleted every 5 minutes (what the library's store did). */
const swept = new WeakSet<Db>();
function sweepExpired(db: Db) {
  if (swept.has(db)) return;
  swept.add(db);
  setInterval(() => {
    prepared(db, "delete from rate_limits where expire < $1::timestamptz", [new Date(Date.now() - 3_600_000).toISOString()]).catch(
      (e) => console.warn("[rate-limit] could not clear expired windows:", String(e)),
    );
  }, 300_000).unref();
}

/** Counts one attempt of `kind` by this actor from this address; throws RateLimited when over a limit. */
export async function rateLimit(db: Db, kind: LimitKind, who: { actor?: UserActor | null; address: string }) {
  if (process.env.HUB_RATE_LIMITS === "off") return;
  if (kind === "signup") await consume(db, { rule: signupRule(), key: who.address });
  // Not signed in: the verb answers 401 (there is no account to count).
  else if (who.actor) await consume(db, { rule: createRule(), key: who.actor.id });
}

// ---------- the create limit, counted inside the creation's own statement ----------

/**
 * The `create` count as a CTE of a creation's own statement, for the launch-day hot path (the
 * reservation request): counting it there makes the request one round trip and one commit instead of
 * two (rateLimit's upsert, then the creation). Same rule, key and windows as rateLimit's. `p` names the
 * statement's placeholders for createLimitParams' values; a null key (limits off) counts nothing.
 *
 * `count` is the CTE (`<cte> as (…)`, returning the window's points and expire); `within` is the
 * condition the creation must hold to go ahead. A data-modifying CTE runs whether or not it is
 * referenced, so it is `within`, not the CTE, that keeps a refused attempt from creating anything.
 */
export function createLimitSql(
  cte: string,
  p: { key: SQLChunk; seconds: SQLChunk; now: SQLChunk; points: SQLChunk },
): { count: SQL; within: SQL } {
  return {
    count: sql`${sql.identifier(cte)} as (${countSql(p, sql`${p.key}::text is not null`)})`,
    within: sql`(${p.key}::text is null or (select points from ${sql.identifier(cte)}) <= ${p.points}::int)`,
  };
}

/**
 * The `create` counts of many attempts in one statement (a batch of reservation requests): one attempt
 * per row of `rows` (a relation with columns `lk`, the key or null, `ls`, the seconds, and `lp`, the
 * points), all at `now`. `count` is the CTE, returning each counted key's points and expire; `within`
 * is the condition on a row `r` of `rows` left-joined to the CTE on `<cte>.key = r.lk`. The keys are
 * counted in their sort order, so two batches that share keys take their rows' locks in one order and
 * cannot deadlock on them. A key may appear once per statement (an upsert touches a row once).
 */
export function createLimitsSql(cte: string, rows: string, now: SQLChunk): { count: SQL; within: (r: string) => SQL } {
  const from = sql.raw(rows);
  return {
    count: sql`${sql.identifier(cte)} as (${countSql(
      { key: sql`${from}.lk`, seconds: sql`${from}.ls`, now },
      undefined,
      sql`from ${from} where ${from}.lk is not null order by ${from}.lk`,
    )})`,
    within: (r) => sql`(${sql.raw(r)}.lk is null or ${sql.identifier(cte)}.points <= ${sql.raw(r)}.lp)`,
  };
}

/** The values of createLimitSql's placeholders: key null when nothing is counted. */
export type CreateLimit = { key: string | null; seconds: number; now: string; points: number };

/**
 * This actor's `create` attempt now; nothing is counted when rate limits are off or there is no actor
 * (a caller that is not a door, or nobody signed in, whom the verb answers 401). It starts the
 * expired-window sweeper on the app's pool (the doors that fold the count into their statement run on
 * it), as rateLimit does on the database it is given.
 */
export function createLimitParams(actor: UserActor | null): CreateLimit {
  const rule = createRule();
  const counted = actor !== null && process.env.HUB_RATE_LIMITS !== "off";
  if (counted) sweepExpired(getDb());
  return {
    key: counted ? `${rule.name}:${actor.id}` : null,
    seconds: rule.seconds,
    now: new Date().toISOString(),
    points: rule.points,
  };
}

/** Throws RateLimited when the statement's count (its CTE's points and expire) was over the limit. */
export function refuseOverCreateLimit(
  limit: CreateLimit,
  counted: { points: number | null; expire: string | Date | null },
): void {
  if (limit.key !== null && counted.points !== null && counted.points > limit.points)
    throw new RateLimited(retryAfter(counted.expire!));
}

/**
 * The client's address from the request headers. The server that owns the socket (scripts/serve.ts,
 * lib/http/peer.ts) writes the peer's address into `x-forwarded-for`, replacing what the client sent
 * unless HUB_TRUSTED_PROXY_HOPS=N proxies are trusted; then it appends the peer, and the client is the
 * entry N places from the right (anything further left, which the client could have written, is ignored).
 */
export function clientAddress(headers: Headers): string {
  const hops = Number(process.env.HUB_TRUSTED_PROXY_HOPS ?? 0) || 0;
  const chain = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (chain.length === 0) return "unknown";
  return chain[Math.max(0, chain.length - 1 - hops)]!.slice(0, 64);
}

// ---------- sign-in attempts ----------

/**
 * Sign-in attempts, counted atomically *before* the password is judged (one upsert per key, so 30
 * parallel guesses cannot all read "0 so far"); a successful sign-in clears both counts.
 *
 *   per email and address — HUB_RATE_SIGNIN_FAILURES (10) attempts in 15 minutes; past it that email
 *     waits from that address until the window ends, whatever the password. Keyed by address too, so a
 *     guesser elsewhere does not lock the customer out of their own device.
 *   per email, any address — HUB_RATE_SIGNIN_PER_EMAIL_PER_HOUR (50) attempts in an hour: slows an
 *     attacker spread over many addresses to 50 guesses an hour. The customer is never locked out for
 *     longer than the rest of that hour (429 with Retry-After), and their next success clears it.
 */
function signInRule(): Rule {
  return { name: "signin-fail", points: envInt("HUB_RATE_SIGNIN_FAILURES", 10), seconds: 15 * 60 };
}
function signInEmailRule(): Rule {
  return { name: "signin-email", points: envInt("HUB_RATE_SIGNIN_PER_EMAIL_PER_HOUR", 50), seconds: 3600 };
}
const normEmail = (email: string) => email.trim().toLowerCase().slice(0, 320);
const signInKey = (email: string, address: string) => `${normEmail(email)}|${address}`;

/** Counts one sign-in attempt for this email from this address; throws RateLimited past a limit. */
export async function countSignInAttempt(db: Db, email: string, address: string): Promise<void> {
  if (process.env.HUB_RATE_LIMITS === "off") return;
  // One statement: the per-email count moves only when this address is not over its own limit.
  await consume(
    db,
    { rule: signInRule(), key: signInKey(email, address) },
    { rule: signInEmailRule(), key: normEmail(email) },
  );
}

/** After the password was judged: a success clears this email's counts. */
export async function recordSignIn(db: Db, email: string, address: string, ok: boolean): Promise<void> {
  if (process.env.HUB_RATE_LIMITS === "off" || !ok) return;
  await prepared(db, "delete from rate_limits where key = any($1::text[])", [
    [`${signInRule().name}:${signInKey(email, address)}`, `${signInEmailRule().name}:${normEmail(email)}`],
  ]);
}
