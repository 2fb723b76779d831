import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "@/db/client";
import { setupTestDb } from "@/test/db";
import { allocate } from "./decide-batch";
import { lockForSettle } from "./locked";
import { requestReservation, submitReservationRequest } from "./request-reservation";
import {
  makeCustomers,
  makeReservable,
  makeReservationProduct,
  reservableRow,
  reservationsOf,
} from "./testing";
import { ReservationWorker } from "./worker";

const t = setupTestDb();

/** Pools of their own, as separate app servers and worker processes would have. */
let pools: ReturnType<typeof createDb>[] = [];
const pool = (max: number) => {
  const p = createDb(t.url, { max });
  pools.push(p);
  return p;
};
afterAll(async () => {
  await Promise.all(pools.map((p) => p.sql.end({ timeout: 5 })));
  pools = [];
});

async function startWorkers(n: number) {
  const workers = Array.from({ length: n }, () => {
    const p = pool(6);
    return new ReservationWorker({ db: p.db, sql: p.sql, concurrency: 4, sweepMs: 500 }); // the default grace window
  });
  await Promise.all(workers.map((w) => w.start()));
  return workers;
}

async function waitUntilNothingPending(timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [row] = await t.db.execute<{ n: number }>(
      sql`select count(*)::int as n from reservations where status = 'pending'`,
    );
    if (row!.n === 0) return;
    if (Date.now() > deadline) throw new Error(`still ${row!.n} pending`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("launch day: 1,000 requests at once on one reservable of capacity 100", () => {
  it("confirms exactly the first 100 by arrival (lowest seq) and rejects the rest, while the worker runs", async () => {
    const r = await makeReservable(t.db, { capacity: 100 });
    const customers = await makeCustomers(t.db, 1000);
    const workers = await startWorkers(1); // deciding while the requests pour in
    const web = pool(80);

    // In overlapping waves (50 requests every 10 ms), so that some are answered before others are sent.
    const times = new Map<string, { sent: number; acked: number }>();
    const acks = await Promise.all(
      customers.map(async (c, i) => {
        await new Promise((res) => setTimeout(res, Math.floor(i / 50) * 10));
        const sent = performance.now();
        const a = await submitReservationRequest(web.db, c, { reservableId: r.id, quantity: 1 });
        times.set(a.id, { sent, acked: performance.now() });
        return a;
      }),
    );
    expect(acks.every((a) => a.status === "pending")).toBe(true);
    await waitUntilNothingPending();
    await Promise.all(workers.map((w) => w.stop()));

    const rows = await reservationsOf(t.db, r.id); // in seq order
    expect(rows).toHaveLength(1000);
    const confirmed = rows.filter((x) => x.status === "confirmed");
    expect(confirmed).toHaveLength(100);
    // "The first 100 by arrival": arrival is seq (ADR 0003), so the confirmed are exactly the 100 lowest.
    expect(confirmed.map((x) => x.seq)).toEqual(rows.slice(0, 100).map((x) => x.seq));
    expect(rows.slice(100).every((x) => x.status === "rejected" && x.reason === "sold_out")).toBe(true);
    expect(confirmed.every((x) => x.holdExpiresAt !== null && x.decidedAt !== null)).toBe(true);
    // And the guarantee that holds whatever the grace window: no request was answered 202 before a
    // request that beat it was even sent (ADR 0003).
    const firstRejectedAck = Math.min(...rows.slice(100).map((x) => times.get(x.id)!.acked));
    const lastConfirmedSend = Math.max(...confirmed.map((x) => times.get(x.id)!.sent));
    expect(lastConfirmedSend).toBeLessThanOrEqual(firstRejectedAck);
    const after = await reservableRow(t.db, r.id);
    expect(after.taken).toBe(100);
  });
});

describe("many customers on many reservables, several workers", () => {
  it("decides every request once, in arrival order per reservable, within capacity and limits", async () => {
    const product = await makeReservationProduct(t.db);
    const rs = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        makeReservable(t.db, {
          ...product,
          capacity: 5 + ((i * 7) % 30),
          perCustomerLimit: i % 3 === 0 ? 2 : null,
        }),
      ),
    );
    const customers = await makeCustomers(t.db, 300);
    const workers = await startWorkers(3);
    const web = pool(60);

    // 2,000 requests, quantities 1–3, several per customer, spread over the reservables.
    let x = 12345;
    const rand = (n: number) => {
      x = (x * 1103515245 + 12345) % 2 ** 31;
      return x % n;
    };
    const jobs = Array.from({ length: 2000 }, () => ({
      c: customers[rand(customers.length)]!,
      r: rs[rand(rs.length)]!,
      q: 1 + rand(3),
    }));
    const results = await Promise.allSettled(
      jobs.map((j) => submitReservationRequest(web.db, j.c, { reservableId: j.r.id, quantity: j.q })),
    );
    // Only the per-customer limit is refused at once (409: asking for more than it, or already holding
    // it); everything else is acknowledged as pending and left to the worker.
    for (const [i, res] of results.entries()) {
      if (res.status === "rejected") {
        expect(res.reason).toMatchObject({ code: "reservation.over_limit" });
        expect(jobs[i]!.r.perCustomerLimit).not.toBeNull();
      }
    }
    await waitUntilNothingPending();
    await Promise.all(workers.map((w) => w.stop()));

    let total = 0;
    for (const r of rs) {
      const rows = await reservationsOf(t.db, r.id);
      total += rows.length;
      expect(rows.every((row) => row.status === "confirmed" || row.status === "rejected")).toBe(true);
      // Replaying the rule over all requests in seq order gives exactly what the workers decided.
      const expected = allocate(
        rows.map((row) => ({ id: row.id, seq: row.seq, customerId: row.customerId, quantity: row.quantity })),
        r.capacity,
        r.perCustomerLimit,
        new Map(),
      );
      expect(rows.map((row) => [row.status, row.reason])).toEqual(expected.map((d) => [d.status, d.reason]));
      const taken = rows.filter((row) => row.status === "confirmed").reduce((n, row) => n + row.quantity, 0);
      const after = await reservableRow(t.db, r.id);
      expect(after.taken).toBe(taken);
      expect(after.taken).toBeLessThanOrEqual(r.capacity);
    }
    expect(total).toBe(results.filter((x) => x.status === "fulfilled").length);
  });
});

describe("the worker wakes on NOTIFY", () => {
  let w: ReservationWorker[] = [];
  beforeAll(async () => {
    const p = pool(4);
    // A sweep far in the future: only the notification can wake it.
    w = [new ReservationWorker({ db: p.db, sql: p.sql, concurrency: 2, sweepMs: 3_600_000, graceMs: 50 })];
    await w[0]!.start();
  });
  afterAll(async () => {
    await Promise.all(w.map((x) => x.stop()));
  });

  it("decides a new request within a moment, without a sweep", async () => {
    const r = await makeReservable(t.db, { capacity: 1 });
    const [c] = await makeCustomers(t.db, 1);
    const started = Date.now();
    const ack = await submitReservationRequest(t.db, c!, { reservableId: r.id, quantity: 1 });
    for (;;) {
      const [row] = await reservationsOf(t.db, r.id);
      if (row!.status !== "pending") break;
      if (Date.now() - started > 5000) throw new Error("not decided");
      await new Promise((res) => setTimeout(res, 10));
    }
    expect(Date.now() - started).toBeLessThan(1000);
    const [row] = await reservationsOf(t.db, r.id);
    expect(row!.id).toBe(ack.id);
    expect(row!.status).toBe("confirmed");
  });
});

describe("the worker's lock and arriving requests", () => {
  it("takes the reservable while a request is being inserted (its foreign key check holds KEY SHARE)", async () => {
    const r = await makeReservable(t.db, { capacity: 5 });
    const [customer] = await makeCustomers(t.db, 1);
    const web = pool(2);
    const worker = pool(2);
    // A request whose INSERT has run but not committed: its foreign key check holds FOR KEY SHARE on
    // the reservable until it commits, as thousands do at any moment on launch day.
    let release!: () => void;
    const held = new Promise<void>((res) => (release = res));
    let inserted!: () => void;
    const insertedYet = new Promise<void>((res) => (inserted = res));
    const request = web.db.transaction(async (tx) => {
      await requestReservation(tx, customer!, { reservableId: r.id, quantity: 1 });
      inserted();
      await held;
    });
    await insertedYet;
    const got = await worker.db.transaction((tx) => lockForSettle(tx, r.id));
    release();
    await request;
    expect(got?.r.id).toBe(r.id);
    expect(got?.work.pending).toBe(false); // the uncommitted request is not the worker's to see yet
  });
});
