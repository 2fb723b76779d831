import { RateLimiterDrizzle, RateLimiterRes } from "rate-limiter-flexible";
import type { Db } from "@/db/client";
import { rateLimits } from "@/db/schema";
import type { UserActor } from "@/lib/auth/actor";
import { RateLimited } from "@/lib/errors";

/**
 * Rate limits, counted in PostgreSQL (rate-limiter-flexible's Drizzle store, table `rate_limits`) so that
 * every app instance counts against the same limit. Fixed windows; values from the environment (README):
 *
 *   signup  — per client address (there is no account yet): HUB_RATE_SIGNUPS_PER_HOUR (100 an hour)
 *   create  — orders, reservations, transfers, per account: HUB_RATE_CREATES_PER_MINUTE (30 a minute)
 *
 * Creations are not limited per address: Korean mobile carriers put many customers behind one address
 * (carrier-grade NAT), and on launch day a per-address counter would both refuse real customers and be
 * one hot row that every request of that address updates.
 *
 * `HUB_RATE_LIMITS=off` turns them all off. The doors (route handlers, server actions) call `rateLimit`
 * before the verb; a refusal is RateLimited (429 with Retry-After), and nothing is written.
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

// One limiter per rule and database handle (tests give each file its own database).
const limiters = new WeakMap<Db, Map<string, RateLimiterDrizzle>>();
function limiter(db: Db, rule: Rule): RateLimiterDrizzle {
  let byRule = limiters.get(db);
  if (!byRule) limiters.set(db, (byRule = new Map()));
  const id = `${rule.name}:${rule.points}:${rule.seconds}`;
  let l = byRule.get(id);
  if (!l) {
    l = new RateLimiterDrizzle({
      storeClient: db,
      schema: rateLimits,
      keyPrefix: rule.name,
      points: rule.points,
      duration: rule.seconds,
    });
    byRule.set(id, l);
  }
  return l;
}

async function consume(db: Db, rule: Rule, key: string): Promise<void> {
  try {
    await limiter(db, rule).consume(key);
  } catch (e) {
    if (e instanceof RateLimiterRes) throw new RateLimited(Math.max(1, Math.ceil(e.msBeforeNext / 1000)));
    throw e;
  }
}

/** Counts one attempt of `kind` by this actor from this address; throws RateLimited when over a limit. */
export async function rateLimit(db: Db, kind: LimitKind, who: { actor?: UserActor | null; address: string }) {
  if (process.env.HUB_RATE_LIMITS === "off") return;
  if (kind === "signup") await consume(db, signupRule(), who.address);
  // Not signed in: the verb answers 401 (there is no account to count).
  else if (who.actor) await consume(db, createRule(), who.actor.id);
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
  await consume(db, signInRule(), signInKey(email, address));
  await consume(db, signInEmailRule(), normEmail(email));
}

/** After the password was judged: a success clears this email's counts. */
export async function recordSignIn(db: Db, email: string, address: string, ok: boolean): Promise<void> {
  if (process.env.HUB_RATE_LIMITS === "off" || !ok) return;
  await limiter(db, signInRule()).delete(signInKey(email, address));
  await limiter(db, signInEmailRule()).delete(normEmail(email));
}
