import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { createDb } from "@/db/client";
import { setupTestDb } from "@/test/db";
import { decidePending } from "./decide-batch";
import { lockForSettle } from "./locked";
import { submitReservationRequest } from "./request-reservation";
import { makeCustomers, makeReservable, reservableRow, reservationsOf } from "./testing";
import { ReservationWorker } from "./worker";

const t = setupTestDb();

/** `ages` pending requests on a new reservable, in seq order, each `ageMs` old (set on the row). */
async function pendingWithAges(ages: number[], capacity = 100) {
  const r = await makeReservable(t.db, { capacity, perCustomerLimit: null });
  const customers = await makeCustomers(t.db, ages.length);
  for (const c of customers)
    await submitReservationRequest(t.db, c, { reservableId: r.id, quantity: 1 });
  const rows = await reservationsOf(t.db, r.id);
  for (const [i, row] of rows.entries())
    await t.db.execute(
      sql`update reservations set created_at = clock_timestamp() - make_interval(secs => ${ages[i]! / 1000}) where id = ${row.id}`,
    );
  return r;
}

const decide = (reservableId: string, graceMs: number) =>
  t.db.transaction(async (tx) => {
    const locked = await lockForSettle(tx, reservableId);
    return decidePending(tx, locked!.r, { graceMs });
  });

describe("decidePending and the grace window", () => {
  it("decides the requests older than the window, in seq order, and says when the next one is ready", async () => {
    const r = await pendingWithAges([900, 800, 700, 100, 50]);
    const out = await decide(r.id, 500);
    expect(out).toMatchObject({ decided: 3, confirmed: 3, more: false });
    // The first younger request is 100 ms old: ready in about 400 ms.
    expect(out.retryInMs).toBeGreaterThan(300);
    expect(out.retryInMs).toBeLessThanOrEqual(400);
    const rows = await reservationsOf(t.db, r.id);
    expect(rows.map((x) => x.status)).toEqual(["confirmed", "confirmed", "confirmed", "pending", "pending"]);
    expect((await reservableRow(t.db, r.id)).taken).toBe(3);
  });

  it("stops at the first younger request even when a later one is older (a seq still in flight)", async () => {
    const r = await pendingWithAges([900, 100, 900, 900]);
    const out = await decide(r.id, 500);
    expect(out.decided).toBe(1);
    expect(out.retryInMs).toBeGreaterThan(300);
    const rows = await reservationsOf(t.db, r.id);
    expect(rows.map((x) => x.status)).toEqual(["confirmed", "pending", "pending", "pending"]);
  });

  it("decides everything when nothing is younger, and nothing when the first is", async () => {
    const all = await pendingWithAges([900, 800, 700]);
    expect(await decide(all.id, 500)).toMatchObject({ decided: 3, retryInMs: null });
    const none = await pendingWithAges([100, 900]);
    const out = await decide(none.id, 500);
    expect(out.decided).toBe(0);
    expect(out.retryInMs).toBeGreaterThan(300);
    expect((await reservationsOf(t.db, none.id)).every((x) => x.status === "pending")).toBe(true);
  });

  it("a full batch says there is more, whatever waits behind it", async () => {
    const r = await pendingWithAges([900, 800, 700, 600, 10]);
    const out = await t.db.transaction(async (tx) => {
      const locked = await lockForSettle(tx, r.id);
      return decidePending(tx, locked!.r, { graceMs: 500, limit: 2 });
    });
    expect(out).toMatchObject({ decided: 2, more: true, retryInMs: null });
  });
});

describe("the worker under a steady stream of requests", () => {
  const pools: ReturnType<typeof createDb>[] = [];
  afterAll(async () => {
    await Promise.all(pools.map((p) => p.sql.end({ timeout: 5 })));
  });

  it("decides in batches at least the batch gap apart, not once per request, and decides every request", async () => {
    const r = await makeReservable(t.db, { capacity: 1000, perCustomerLimit: null });
    const customers = await makeCustomers(t.db, 150);
    const p = createDb(t.url, { max: 4 });
    pools.push(p);
    const settles: { at: number; decided: number; waited: boolean }[] = [];
    const worker = new ReservationWorker({
      db: p.db,
      sql: p.sql,
      concurrency: 2,
      sweepMs: 3_600_000,
      graceMs: 40,
      batchGapMs: 60,
      onSettled: (id, s) =>
        id === r.id &&
        s.decided > 0 &&
        settles.push({ at: Date.now(), decided: s.decided, waited: s.retryInMs !== null }),
    });
    await worker.start();
    const started = Date.now();
    try {
      // One request every ~3 ms for about half a second: the next request is always a moment from ready.
      for (const c of customers) {
        await submitReservationRequest(t.db, c, { reservableId: r.id, quantity: 1 });
        await new Promise((res) => setTimeout(res, 3));
      }
      const deadline = Date.now() + 10_000;
      while ((await reservationsOf(t.db, r.id)).some((x) => x.status === "pending")) {
        if (Date.now() > deadline) throw new Error("requests left pending");
        await new Promise((res) => setTimeout(res, 20));
      }
    } finally {
      await worker.stop();
    }
    expect(settles.reduce((n, s) => n + s.decided, 0)).toBe(150);
    expect((await reservableRow(t.db, r.id)).taken).toBe(150);
    // A batch that stopped at the window is followed by the next one at least the gap later (a timer
    // may fire a ms early); one that emptied the queue is not (a new request is then decided on time).
    for (let i = 1; i < settles.length; i++)
      if (settles[i - 1]!.waited) expect(settles[i]!.at - settles[i - 1]!.at).toBeGreaterThanOrEqual(55);
    // So at most one batch per gap over the whole stream, however long the machine took to send it.
    expect(settles.length).toBeLessThanOrEqual(Math.floor((Date.now() - started) / 55) + 2);
  });
});
