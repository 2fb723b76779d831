import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { UserActor } from "@/lib/auth/actor";
import { setupTestDb } from "@/test/db";
import { requestBatcher, submitReservationRequest } from "./request-reservation";
import { makeCustomers, makeReservable, reservationsOf } from "./testing";

const t = setupTestDb();

/**
 * `calls` started in one tick: the first IN_FLIGHT (2) go alone, the others wait for them and go
 * together. Answers each one's outcome, and how many batches (and the largest) it took.
 */
async function together(calls: (() => Promise<unknown>)[]) {
  const b = requestBatcher(t.db);
  const before = { ...b.stats };
  const out = await Promise.allSettled(calls.map((c) => c()));
  return {
    out,
    batches: b.stats.batches - before.batches,
    largest: b.stats.largest,
  };
}

const code = (r: PromiseSettledResult<unknown>) =>
  r.status === "fulfilled" ? "202" : ((r.reason as { code?: string }).code ?? String(r.reason));

async function points(c: UserActor) {
  const rows = await t.db.execute<{ points: number }>(
    sql`select points from rate_limits where key = ${`create-user:${c.id}`}`,
  );
  return rows[0]?.points ?? 0;
}

describe("the doors' reservation requests, batched (group commit)", () => {
  it("records many customers' requests in few statements, in order, each counted once against its limit", async () => {
    const r = await makeReservable(t.db, { capacity: 1000 });
    const customers = await makeCustomers(t.db, 40);
    const { out, batches, largest } = await together(
      customers.map((c) => () => submitReservationRequest(t.db, c, { reservableId: r.id, quantity: 1 }, { rateLimit: true })),
    );
    expect(out.map(code)).toEqual(customers.map(() => "202"));
    expect(batches).toBeLessThanOrEqual(4);
    expect(largest).toBeGreaterThanOrEqual(30);
    const rows = await reservationsOf(t.db, r.id);
    expect(rows).toHaveLength(40);
    expect(rows.every((x) => x.status === "pending")).toBe(true);
    // Arrival order: within a batch, the order its requests were submitted in (seq), and the clock agrees
    // with it. (The first two went alone at once, concurrently with each other and with the rest.)
    const ids = out.map((o) => (o as PromiseFulfilledResult<{ id: string }>).value.id);
    const gathered = new Set(ids.slice(2));
    expect(rows.map((x) => x.id).filter((id) => gathered.has(id))).toEqual(ids.slice(2));
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.createdAt >= rows[i - 1]!.createdAt).toBe(true);
    for (const c of customers) expect(await points(c)).toBe(1);
  });

  it("answers each request of one batch for itself: 429, 404, 409 and 202 side by side", async () => {
    const open = await makeReservable(t.db, { capacity: 1000, perCustomerLimit: 2 });
    const cancelled = await makeReservable(t.db, { capacity: 10, status: "cancelled" });
    const cs = await makeCustomers(t.db, 8);
    // cs[2] has used its 30 creations this minute.
    await t.db.execute(
      sql`insert into rate_limits (key, points, expire) values (${`create-user:${cs[2]!.id}`}, 30, now() + interval '1 minute')`,
    );
    const ask = (c: UserActor, reservableId: string, quantity = 1) => () =>
      submitReservationRequest(t.db, c, { reservableId, quantity }, { rateLimit: true });
    const { out, largest } = await together([
      ask(cs[0]!, open.id),
      ask(cs[1]!, open.id),
      ask(cs[2]!, open.id), // over its rate limit
      ask(cs[3]!, cancelled.id),
      ask(cs[4]!, randomUUID()), // no such reservable
      ask(cs[5]!, open.id, 3), // over the per-customer limit
      ask(cs[6]!, open.id),
      ask(cs[7]!, open.id),
    ]);
    expect(largest).toBeGreaterThanOrEqual(6);
    expect(out.map(code)).toEqual([
      "202",
      "202",
      "rate_limited",
      "reservable.cancelled",
      "reservable.not_found",
      "reservation.over_limit",
      "202",
      "202",
    ]);
    expect((await reservationsOf(t.db, open.id)).map((x) => x.customerId).sort()).toEqual(
      [cs[0]!, cs[1]!, cs[6]!, cs[7]!].map((c) => c.id).sort(),
    );
    expect(await reservationsOf(t.db, cancelled.id)).toHaveLength(0);
    expect(await points(cs[2]!)).toBe(31); // the refused attempt counted, as when alone
  });

  it("never puts one customer's requests in one batch: both recorded, the limit counted twice", async () => {
    const r = await makeReservable(t.db, { capacity: 100 });
    const [a, b, c] = await makeCustomers(t.db, 3);
    const ask = (x: UserActor) => () =>
      submitReservationRequest(t.db, x, { reservableId: r.id, quantity: 1 }, { rateLimit: true });
    const { out } = await together([ask(b!), ask(c!), ask(a!), ask(a!), ask(a!)]);
    expect(out.map(code)).toEqual(["202", "202", "202", "202", "202"]);
    expect((await reservationsOf(t.db, r.id)).filter((x) => x.customerId === a!.id)).toHaveLength(3);
    expect(await points(a!)).toBe(3);
  });

  it("claims Idempotency-Keys in a batch, and a repeated key replays the first reservation", async () => {
    const r = await makeReservable(t.db, { capacity: 100 });
    const cs = await makeCustomers(t.db, 6);
    const ask = (c: UserActor, key: string) => () =>
      submitReservationRequest(t.db, c, { reservableId: r.id, quantity: 1 }, { idempotencyKey: key, rateLimit: true });
    const first = await together(cs.map((c) => ask(c, "launch-1")));
    expect(first.out.map(code)).toEqual(cs.map(() => "202"));
    const again = await together([...cs.map((c) => ask(c, "launch-1")), ask(cs[0]!, "launch-1")]);
    expect(again.out.map(code)).toEqual([...cs, cs[0]].map(() => "202"));
    const id = (o: PromiseSettledResult<unknown>) => (o as PromiseFulfilledResult<{ id: string; replayed: boolean }>).value;
    for (const [i] of cs.entries()) expect(id(again.out[i]!)).toEqual({ ...id(first.out[i]!), replayed: true });
    expect(id(again.out[cs.length]!)).toMatchObject({ id: id(first.out[0]!).id, replayed: true });
    expect(await reservationsOf(t.db, r.id)).toHaveLength(cs.length);
  });

  it("counts nothing for callers that count no limit (null keys in the batch)", async () => {
    const r = await makeReservable(t.db, { capacity: 100 });
    const cs = await makeCustomers(t.db, 6);
    const { out, largest } = await together(
      cs.map((c) => () => submitReservationRequest(t.db, c, { reservableId: r.id, quantity: 1 })),
    );
    expect(largest).toBeGreaterThanOrEqual(4);
    expect(out.map(code)).toEqual(cs.map(() => "202"));
    for (const c of cs) expect(await points(c)).toBe(0);
  });

  it("a request that breaks the batch's statement fails alone: the rest go again in halves, in order", async () => {
    const r = await makeReservable(t.db, { capacity: 100 });
    const cs = await makeCustomers(t.db, 17);
    // A session of a user who is gone: the INSERT breaks the customer's foreign key (23503).
    const ghost: UserActor = { ...cs[0]!, id: randomUUID() };
    const people = [...cs.slice(0, 11), ghost, ...cs.slice(11)];
    const ask = (c: UserActor) => () =>
      submitReservationRequest(t.db, c, { reservableId: r.id, quantity: 1 }, { rateLimit: true });
    const { out, largest } = await together(people.map(ask));
    expect(largest).toBeGreaterThanOrEqual(16);
    expect(out.map((o) => (o.status === "rejected" ? (o.reason as { code?: string }).code : "202"))).toEqual(
      people.map((p) => (p === ghost ? "23503" : "202")),
    );
    const rows = await reservationsOf(t.db, r.id);
    expect(rows).toHaveLength(17);
    // The halves went one after the other: the gathered requests still have their seqs in request order.
    const ids = out.map((o) => (o.status === "fulfilled" ? (o.value as { id: string }).id : null));
    const gathered = new Set(ids.slice(2));
    expect(rows.map((x) => x.id).filter((id) => gathered.has(id))).toEqual(ids.slice(2).filter((id) => id !== null));
    // The failed batch was rolled back before the halves: each customer's attempt counted once.
    for (const c of cs) expect(await points(c)).toBe(1);
  });
});
