import { eq, sql } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { idempotencyKeys, rateLimits, reservations, users } from "@/db/schema";
import type { UserActor } from "@/lib/auth/actor";
import { clientAddress } from "@/lib/http/rate-limit";
import { POST as reserve } from "@/app/api/reservations/route";
import { POST as signup } from "@/app/api/signup/route";
import { call } from "@/test/http";
import { setupTestDb } from "@/test/db";
import { actorFor, makeCustomer, seedDemo } from "@/test/factories";
import { openPreorder } from "@/test/reservation-fixtures";
import { makeReservable } from "@/lib/reservations/testing";

const headers = vi.hoisted(() => ({ current: new Headers() }));
vi.mock("@/lib/auth/session", async (orig) => ({
  ...(await orig<typeof import("@/lib/auth/session")>()),
  currentActor: async () => session.actor,
}));
vi.mock("next/headers", () => ({ headers: async () => headers.current }));
const session = vi.hoisted(() => ({ actor: null as UserActor | null }));

const t = setupTestDb();
let customer: UserActor;
let customer2: UserActor;
let open: { id: string };

const reservationsOf = async (c: UserActor) =>
  (
    await t.db
      .select({ n: sql<number>`count(*)::int` })
      .from(reservations)
      .where(eq(reservations.customerId, c.id))
  )[0]!.n;
const usersCount = async () => (await t.db.select({ n: sql<number>`count(*)::int` }).from(users))[0]!.n;

beforeAll(async () => {
  await seedDemo(t.db);
  customer = await actorFor(t.db, "customer@demo.test");
  customer2 = await actorFor(t.db, "customer2@demo.test");
  open = await openPreorder(t.db);
});

afterEach(() => {
  for (const k of [
    "HUB_RATE_CREATES_PER_MINUTE",
    "HUB_RATE_SIGNUPS_PER_HOUR",
    "HUB_RATE_SIGNIN_FAILURES",
    "HUB_RATE_LIMITS",
  ])
    delete process.env[k];
});

const from = (address: string) => ({ "x-forwarded-for": address });

describe("rate limits over the API", () => {
  it("lets an account create 3 a minute (as configured), then answers 429 with Retry-After and writes nothing", async () => {
    process.env.HUB_RATE_CREATES_PER_MINUTE = "3";
    const before = await reservationsOf(customer);
    const body = { reservableId: open.id, quantity: 1 };
    for (let i = 0; i < 3; i++)
      expect((await call(reserve, { as: customer, body, headers: from("198.51.100.1") })).status).toBe(202);
    const refused = await call(reserve, { as: customer, body, headers: from("198.51.100.1") });
    expect(refused.status).toBe(429);
    expect(refused.headers.get("content-type")).toContain("application/problem+json");
    expect(refused.body).toMatchObject({ status: 429, code: "rate_limited" });
    const retryAfter = Number(refused.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(await reservationsOf(customer)).toBe(before + 3);

    // The account's limit follows the account to another address; another account is not affected.
    expect((await call(reserve, { as: customer, body, headers: from("198.51.100.2") })).status).toBe(429);
    expect((await call(reserve, { as: customer2, body, headers: from("198.51.100.1") })).status).toBe(202);
  });

  it("counts exactly under concurrency: 20 requests at once with a limit of 5 create exactly 5", async () => {
    process.env.HUB_RATE_CREATES_PER_MINUTE = "5";
    const c = await makeCustomer(t.db);
    const body = { reservableId: open.id, quantity: 1 };
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => call(reserve, { as: c, body, headers: from("198.51.100.60") })),
    );
    expect(answers.filter((a) => a.status === 202)).toHaveLength(5);
    expect(answers.filter((a) => a.status === 429)).toHaveLength(15);
    expect(await reservationsOf(c)).toBe(5);
  });

  it("does not limit creations per address (many customers share one behind carrier NAT)", async () => {
    process.env.HUB_RATE_CREATES_PER_MINUTE = "2";
    const body = { reservableId: open.id, quantity: 1 };
    const many = await Promise.all(Array.from({ length: 5 }, () => makeCustomer(t.db)));
    for (const c of many)
      for (let i = 0; i < 2; i++)
        expect((await call(reserve, { as: c, body, headers: from("192.0.2.50") })).status).toBe(202);
  });

  it("limits sign-ups per address, and writes no account when refusing", async () => {
    process.env.HUB_RATE_SIGNUPS_PER_HOUR = "2";
    const body = (n: number) => ({
      email: `limit-${n}@demo.test`,
      password: "long-enough-pw",
      name: `L ${n}`,
    });
    expect((await call(signup, { body: body(1), headers: from("203.0.113.9") })).status).toBe(201);
    expect((await call(signup, { body: body(2), headers: from("203.0.113.9") })).status).toBe(201);
    const n = await usersCount();
    const refused = await call(signup, { body: body(3), headers: from("203.0.113.9") });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(60); // an hour's window
    expect(await usersCount()).toBe(n);
    expect((await call(signup, { body: body(4), headers: from("203.0.113.10") })).status).toBe(201);
  });

  it("counts nothing when turned off", async () => {
    process.env.HUB_RATE_LIMITS = "off";
    process.env.HUB_RATE_SIGNUPS_PER_HOUR = "1";
    for (let i = 0; i < 3; i++)
      expect(
        (
          await call(signup, {
            body: { email: `off-${i}@demo.test`, password: "long-enough-pw", name: "O" },
            headers: from("203.0.113.20"),
          })
        ).status,
      ).toBe(201);
  });
});

/** The account's `create` window as rate_limits holds it, or undefined when nothing was counted. */
const windowOf = async (c: UserActor) =>
  (await t.db.select().from(rateLimits).where(eq(rateLimits.key, `create-user:${c.id}`)))[0];
const keysOf = async (c: UserActor) =>
  (await t.db.select().from(idempotencyKeys).where(eq(idempotencyKeys.userId, c.id))).length;

// The reservation POST counts its `create` attempt inside its own statement (one round trip, one
// commit); these hold it to what the separate count did.
describe("the reservation POST's limit, counted in its own statement", () => {
  const body = () => ({ reservableId: open.id, quantity: 1 });

  it("refuses the attempt past the limit with 429, inserting nothing and claiming no key, and counts it", async () => {
    process.env.HUB_RATE_CREATES_PER_MINUTE = "2";
    const c = await makeCustomer(t.db);
    for (let i = 0; i < 2; i++) expect((await call(reserve, { as: c, body: body() })).status).toBe(202);
    const refused = await call(reserve, { as: c, body: body(), headers: { "idempotency-key": "past-the-limit" } });
    expect([refused.status, refused.body.code]).toEqual([429, "rate_limited"]);
    const retryAfter = Number(refused.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(await reservationsOf(c)).toBe(2);
    expect(await keysOf(c)).toBe(0);
    expect((await windowOf(c))!.points).toBe(3);
  });

  it("starts a new window once the old one has ended (the count starts again at 1)", async () => {
    process.env.HUB_RATE_CREATES_PER_MINUTE = "1";
    const c = await makeCustomer(t.db);
    expect((await call(reserve, { as: c, body: body() })).status).toBe(202);
    expect((await call(reserve, { as: c, body: body() })).status).toBe(429);
    await t.db.update(rateLimits).set({ expire: new Date(Date.now() - 1000) }).where(eq(rateLimits.key, `create-user:${c.id}`));
    expect((await call(reserve, { as: c, body: body() })).status).toBe(202);
    const w = (await windowOf(c))!;
    expect(w.points).toBe(1);
    expect(w.expire!.getTime()).toBeGreaterThan(Date.now() + 55_000);
    expect(await reservationsOf(c)).toBe(2);
  });

  it("counts and refuses nothing when turned off", async () => {
    process.env.HUB_RATE_LIMITS = "off";
    process.env.HUB_RATE_CREATES_PER_MINUTE = "1";
    const c = await makeCustomer(t.db);
    for (let i = 0; i < 3; i++) expect((await call(reserve, { as: c, body: body() })).status).toBe(202);
    expect(await reservationsOf(c)).toBe(3);
    expect(await windowOf(c)).toBeUndefined();
  });

  it("counts an idempotent replay as an attempt (and refuses it past the limit)", async () => {
    process.env.HUB_RATE_CREATES_PER_MINUTE = "2";
    const c = await makeCustomer(t.db);
    const headers = { "idempotency-key": "replayed" };
    const first = await call(reserve, { as: c, body: body(), headers });
    const again = await call(reserve, { as: c, body: body(), headers });
    expect([again.status, again.body.id, again.headers.get("idempotent-replayed")]).toEqual([202, first.body.id, "true"]);
    expect((await windowOf(c))!.points).toBe(2);
    expect((await call(reserve, { as: c, body: body(), headers })).status).toBe(429);
    expect(await reservationsOf(c)).toBe(1);
    expect(await keysOf(c)).toBe(1);
  });

  it("answers 429 over the limit even when the request would be refused anyway (not open, no such reservable)", async () => {
    process.env.HUB_RATE_CREATES_PER_MINUTE = "1";
    const c = await makeCustomer(t.db);
    const notYet = await makeReservable(t.db, { opensAt: new Date(Date.now() + 3_600_000) });
    const first = await call(reserve, { as: c, body: { reservableId: notYet.id, quantity: 1 } });
    expect([first.status, first.body.code]).toEqual([409, "reservable.not_open"]); // within the limit: counted, refused
    const over = await call(reserve, { as: c, body: { reservableId: notYet.id, quantity: 1 } });
    expect([over.status, over.body.code]).toEqual([429, "rate_limited"]);
    const missing = await call(reserve, {
      as: c,
      body: { reservableId: "00000000-0000-4000-8000-000000000000", quantity: 1 },
    });
    expect(missing.status).toBe(429);
    expect((await windowOf(c))!.points).toBe(3);
  });

  it("does not count input it refuses before the statement (422)", async () => {
    process.env.HUB_RATE_CREATES_PER_MINUTE = "1";
    const c = await makeCustomer(t.db);
    expect((await call(reserve, { as: c, body: { reservableId: open.id, quantity: 0 } })).status).toBe(422);
    expect(await windowOf(c)).toBeUndefined();
    expect((await call(reserve, { as: c, body: body() })).status).toBe(202);
  });

  it("counts exactly under concurrency: 40 at once with a limit of 30 insert exactly 30, and the window says 40", async () => {
    process.env.HUB_RATE_CREATES_PER_MINUTE = "30";
    const c = await makeCustomer(t.db);
    const answers = await Promise.all(Array.from({ length: 40 }, () => call(reserve, { as: c, body: body() })));
    expect(answers.filter((a) => a.status === 202)).toHaveLength(30);
    expect(answers.filter((a) => a.status === 429)).toHaveLength(10);
    expect(await reservationsOf(c)).toBe(30);
    expect((await windowOf(c))!.points).toBe(40);
  });
});

describe("rate limits in the UI's server actions", () => {
  it("answers the reserve button with rate_limited and how long to wait", async () => {
    const { reserveAction } = await import("@/app/(shop)/reservations/actions");
    process.env.HUB_RATE_CREATES_PER_MINUTE = "1";
    const fresh = await makeCustomer(t.db);
    session.actor = fresh;
    headers.current = new Headers(from("198.51.100.77"));
    expect(await reserveAction({ reservableId: open.id, quantity: 1 })).toMatchObject({ ok: true });
    const out = await reserveAction({ reservableId: open.id, quantity: 1 });
    expect(out).toMatchObject({
      ok: false,
      code: "rate_limited",
      meta: { retryAfterSeconds: expect.any(Number) },
    });
    expect(await reservationsOf(fresh)).toBe(1);
  });
});

describe("clientAddress", () => {
  it("takes the address Next or the nearest trusted proxy recorded, never one further left", () => {
    const h = new Headers({ "x-forwarded-for": "6.6.6.6, 198.51.100.4, 10.0.0.2" });
    expect(clientAddress(h)).toBe("10.0.0.2");
    process.env.HUB_TRUSTED_PROXY_HOPS = "1";
    expect(clientAddress(h)).toBe("198.51.100.4");
    process.env.HUB_TRUSTED_PROXY_HOPS = "9";
    expect(clientAddress(h)).toBe("6.6.6.6");
    delete process.env.HUB_TRUSTED_PROXY_HOPS;
    expect(clientAddress(new Headers())).toBe("unknown");
  });
});

// Sign-in limits (through the Auth.js route, over a real socket): test/sign-in-limits.test.ts.
