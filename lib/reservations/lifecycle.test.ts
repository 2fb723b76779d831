import { addHours } from "date-fns";
import { eq, sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { createDb } from "@/db/client";
import { payments, refunds, reservations, waitlistEntries } from "@/db/schema";
import { SYSTEM } from "@/lib/auth/actor";
import { setupTestDb } from "@/test/db";
import { cancelReservation } from "./cancel-reservation";
import { joinWaitlist } from "./join-waitlist";
import { payReservation } from "./pay-reservation";
import { reservationFor } from "./queries";
import { requestReservation } from "./request-reservation";
import { settleReservable } from "./settle-reservable";
import { makeCustomers, makeReservable, reservableRow, reservationsOf } from "./testing";
import { ReservationWorker, settleUntilIdle } from "./worker";

const t = setupTestDb();
const tx = <T>(fn: Parameters<typeof t.db.transaction<T>>[0]) => t.db.transaction(fn);

async function reserveAndDecide(
  reservableId: string,
  customer: Awaited<ReturnType<typeof makeCustomers>>[number],
  quantity = 1,
) {
  const ack = await tx((x) => requestReservation(x, customer, { reservableId, quantity }));
  await settleUntilIdle(t.db);
  return (await t.db.select().from(reservations).where(eq(reservations.id, ack.id)))[0]!;
}

const expireNow = (id: string) =>
  t.db
    .update(reservations)
    .set({ holdExpiresAt: sql`now() - interval '1 second'` })
    .where(eq(reservations.id, id));

describe("request → decide → pay", () => {
  it("acknowledges pending, shows the place in the queue, then confirms with a hold", async () => {
    const r = await makeReservable(t.db, { capacity: 5, holdMinutes: 15 });
    const [a, b] = await makeCustomers(t.db, 2);
    const first = await tx((x) => requestReservation(x, a!, { reservableId: r.id, quantity: 2 }));
    const second = await tx((x) => requestReservation(x, b!, { reservableId: r.id, quantity: 1 }));
    expect(first).toMatchObject({ status: "pending", replayed: false });
    expect(await reservationFor(t.db, b!, second.id)).toMatchObject({ status: "pending", queuePosition: 2 });
    await settleUntilIdle(t.db);
    const view = await reservationFor(t.db, a!, first.id);
    expect(view).toMatchObject({ status: "confirmed", quantity: 2 });
    expect(view.queuePosition).toBeUndefined();
    const hold = new Date(view.holdExpiresAt!).getTime() - Date.now();
    expect(hold).toBeGreaterThan(14 * 60_000);
    expect(hold).toBeLessThanOrEqual(15 * 60_000);
    expect((await reservableRow(t.db, r.id)).taken).toBe(3);
  });

  it("takes payment once, writing a reservation payment; a second pay is 409", async () => {
    const r = await makeReservable(t.db, { capacity: 5 });
    const [c] = await makeCustomers(t.db, 1);
    const res = await reserveAndDecide(r.id, c!, 2);
    const paid = await payReservation(t.db, c!, res.id, {});
    expect(paid).toMatchObject({ status: "paid", amount: 2_000_000 });
    const [p] = await t.db.select().from(payments).where(eq(payments.refId, res.id));
    expect(p).toMatchObject({
      purpose: "reservation",
      status: "captured",
      amount: 2_000_000,
      customerId: c!.id,
    });
    await expect(payReservation(t.db, c!, res.id, {})).rejects.toMatchObject({
      status: 409,
      code: "reservation.already_paid",
    });
  });

  it("refuses a declined card with 402 (as orders do), taking nothing; the attempt is on record", async () => {
    const r = await makeReservable(t.db, { capacity: 5 });
    const [c] = await makeCustomers(t.db, 1);
    const res = await reserveAndDecide(r.id, c!);
    await expect(
      payReservation(t.db, c!, res.id, { cardNumber: "4000 0000 0000 0002" }),
    ).rejects.toMatchObject({
      status: 402,
      code: "payment.declined",
      meta: { reason: "card_declined" },
    });
    expect((await reservationFor(t.db, c!, res.id)).status).toBe("confirmed");
    const attempts = await t.db.select().from(payments).where(eq(payments.refId, res.id));
    expect(attempts.map((p) => [p.status, p.failureReason])).toEqual([["declined", "card_declined"]]);
    await expect(
      payReservation(t.db, c!, res.id, { cardNumber: "4242 4242 4242 4242" }),
    ).resolves.toMatchObject({ status: "paid" });
  });

  it("rejects requests over the per-customer limit, counting what the customer already holds", async () => {
    const r = await makeReservable(t.db, { capacity: 10, perCustomerLimit: 2 });
    const [c] = await makeCustomers(t.db, 1);
    await expect(
      tx((x) => requestReservation(x, c!, { reservableId: r.id, quantity: 3 })),
    ).rejects.toMatchObject({ status: 409, code: "reservation.over_limit" });
    const a = await tx((x) => requestReservation(x, c!, { reservableId: r.id, quantity: 1 }));
    const b = await tx((x) => requestReservation(x, c!, { reservableId: r.id, quantity: 1 }));
    const d = await tx((x) => requestReservation(x, c!, { reservableId: r.id, quantity: 1 }));
    await settleUntilIdle(t.db);
    const rows = await reservationsOf(t.db, r.id);
    expect(rows.map((x) => [x.id, x.status, x.reason])).toEqual([
      [a.id, "confirmed", null],
      [b.id, "confirmed", null],
      [d.id, "rejected", "over_limit"],
    ]);
    // Already holding the limit: told at once.
    await expect(
      tx((x) => requestReservation(x, c!, { reservableId: r.id, quantity: 1 })),
    ).rejects.toMatchObject({ code: "reservation.over_limit" });
  });

  it("refuses requests before opening, after the start and on a called-off reservable", async () => {
    const [c] = await makeCustomers(t.db, 1);
    const notOpen = await makeReservable(t.db, { opensAt: addHours(new Date(), 1) });
    const started = await makeReservable(t.db, {
      startsAt: addHours(new Date(), -1),
      cancelDeadline: addHours(new Date(), -2),
    });
    const off = await makeReservable(t.db, { status: "cancelled" });
    for (const [r, code] of [
      [notOpen, "reservable.not_open"],
      [started, "reservable.closed"],
      [off, "reservable.cancelled"],
    ] as const) {
      await expect(
        tx((x) => requestReservation(x, c!, { reservableId: r.id, quantity: 1 })),
      ).rejects.toMatchObject({ status: 409, code });
    }
  });
});

describe("idempotency", () => {
  it("the same key from the same customer gives the first reservation and creates nothing new, even at once", async () => {
    const r = await makeReservable(t.db, { capacity: 5 });
    const [c, other] = await makeCustomers(t.db, 2);
    const pool = createDb(t.url, { max: 10 });
    try {
      const all = await Promise.all(
        Array.from({ length: 10 }, () =>
          pool.db.transaction((x) =>
            requestReservation(x, c!, { reservableId: r.id, quantity: 1 }, { idempotencyKey: "k-1" }),
          ),
        ),
      );
      expect(new Set(all.map((a) => a.id)).size).toBe(1);
      expect(all.filter((a) => !a.replayed)).toHaveLength(1);
    } finally {
      await pool.sql.end();
    }
    expect(await reservationsOf(t.db, r.id)).toHaveLength(1);
    // Another customer's key is their own.
    await tx((x) =>
      requestReservation(x, other!, { reservableId: r.id, quantity: 1 }, { idempotencyKey: "k-1" }),
    );
    expect(await reservationsOf(t.db, r.id)).toHaveLength(2);
    // The same key for a different request is refused with 422, as for every kind of creation.
    await expect(
      tx((x) => requestReservation(x, c!, { reservableId: r.id, quantity: 2 }, { idempotencyKey: "k-1" })),
    ).rejects.toMatchObject({
      status: 422,
      code: "idempotency.key_reused",
    });
  });
});

describe("holds", () => {
  const pools: ReturnType<typeof createDb>[] = [];
  afterAll(async () => Promise.all(pools.map((p) => p.sql.end())));

  it("the worker releases an unpaid hold when it runs out, on time, and restores capacity", async () => {
    const r = await makeReservable(t.db, { capacity: 1 });
    const [c] = await makeCustomers(t.db, 1);
    const res = await reserveAndDecide(r.id, c!);
    expect((await reservableRow(t.db, r.id)).taken).toBe(1);
    await t.db
      .update(reservations)
      .set({ holdExpiresAt: sql`now() + interval '400 milliseconds'` })
      .where(eq(reservations.id, res.id));
    const p = createDb(t.url, { max: 4 });
    pools.push(p);
    const worker = new ReservationWorker({ db: p.db, sql: p.sql, sweepMs: 1000 });
    await worker.start();
    try {
      const started = Date.now();
      for (;;) {
        const [row] = await t.db.select().from(reservations).where(eq(reservations.id, res.id));
        if (row!.status === "expired") break;
        if (Date.now() - started > 5000) throw new Error("not expired");
        await new Promise((x) => setTimeout(x, 25));
      }
      // Within the sweep's second of the hold running out (it arms a timer for the exact time).
      expect(Date.now() - started).toBeLessThan(1500);
    } finally {
      await worker.stop();
    }
    expect((await reservableRow(t.db, r.id)).taken).toBe(0);
    expect((await reservationFor(t.db, c!, res.id)).reason).toBe("hold_expired");
  });

  it("refuses to pay after the hold ran out (409), whether or not the worker has released it yet", async () => {
    const r = await makeReservable(t.db, { capacity: 2 });
    const [c] = await makeCustomers(t.db, 1);
    const res = await reserveAndDecide(r.id, c!);
    await expireNow(res.id);
    await expect(payReservation(t.db, c!, res.id, {})).rejects.toMatchObject({
      status: 409,
      code: "reservation.hold_expired",
    });
    await settleReservable(t.db, r.id);
    await expect(payReservation(t.db, c!, res.id, {})).rejects.toMatchObject({
      status: 409,
      code: "reservation.hold_expired",
    });
    expect(await t.db.select().from(payments).where(eq(payments.refId, res.id))).toHaveLength(0);
  });

  it("a payment racing the expiry: exactly one wins, and capacity stays right", async () => {
    const r = await makeReservable(t.db, { capacity: 1 });
    const [c] = await makeCustomers(t.db, 1);
    const res = await reserveAndDecide(r.id, c!);
    await t.db
      .update(reservations)
      .set({ holdExpiresAt: sql`now() + interval '30 milliseconds'` })
      .where(eq(reservations.id, res.id));
    await new Promise((x) => setTimeout(x, 25));
    const [pay] = await Promise.allSettled([
      payReservation(t.db, c!, res.id, {}),
      settleReservable(t.db, r.id),
    ]);
    await new Promise((x) => setTimeout(x, 30));
    await settleReservable(t.db, r.id); // the worker's next look, once the hold has surely run out
    const [row] = await t.db.select().from(reservations).where(eq(reservations.id, res.id));
    const taken = (await reservableRow(t.db, r.id)).taken;
    if (pay.status === "fulfilled") expect([row!.status, taken]).toEqual(["paid", 1]);
    else {
      expect(pay.reason).toMatchObject({ code: "reservation.hold_expired" });
      expect([row!.status, taken]).toEqual(["expired", 0]);
    }
  });
});

describe("cancellation", () => {
  it("before the deadline: capacity back, a paid one refunded, who and why recorded", async () => {
    const r = await makeReservable(t.db, { capacity: 3 });
    const [c] = await makeCustomers(t.db, 1);
    const res = await reserveAndDecide(r.id, c!, 2);
    await payReservation(t.db, c!, res.id, {});
    const out = await cancelReservation(t.db, c!, res.id, { reason: "changed my mind" });
    expect(out).toEqual({ id: res.id, status: "cancelled", refunded: 2_000_000 });
    const [row] = await t.db.select().from(reservations).where(eq(reservations.id, res.id));
    expect(row).toMatchObject({ status: "cancelled", cancelledBy: c!.id, cancelReason: "changed my mind" });
    expect((await reservableRow(t.db, r.id)).taken).toBe(0);
    const [p] = await t.db.select().from(payments).where(eq(payments.refId, res.id));
    expect(p).toMatchObject({ status: "refunded", refundedAmount: 2_000_000 });
    const rf = await t.db.select().from(refunds).where(eq(refunds.paymentId, p!.id));
    expect(rf).toHaveLength(1);
    expect(rf[0]).toMatchObject({
      amount: 2_000_000,
      refType: "reservation",
      refId: res.id,
      actorUserId: c!.id,
    });
    // Cancelling again is 409 and refunds nothing more.
    await expect(cancelReservation(t.db, c!, res.id, {})).rejects.toMatchObject({
      status: 409,
      code: "reservation.not_cancellable",
    });
    expect(await t.db.select().from(refunds).where(eq(refunds.paymentId, p!.id))).toHaveLength(1);
  });

  it("a pending request can be cancelled too, and the worker then leaves it alone", async () => {
    const r = await makeReservable(t.db, { capacity: 3 });
    const [c] = await makeCustomers(t.db, 1);
    const ack = await tx((x) => requestReservation(x, c!, { reservableId: r.id, quantity: 1 }));
    await cancelReservation(t.db, c!, ack.id, {});
    await settleUntilIdle(t.db);
    expect((await reservationFor(t.db, c!, ack.id)).status).toBe("cancelled");
    expect((await reservableRow(t.db, r.id)).taken).toBe(0);
  });

  it("after the deadline: 409, nothing changes", async () => {
    const r = await makeReservable(t.db, { capacity: 3 });
    const [c] = await makeCustomers(t.db, 1);
    const res = await reserveAndDecide(r.id, c!);
    await t.db.execute(
      sql`update reservables set cancel_deadline = now() - interval '1 minute' where id = ${r.id}`,
    );
    await expect(cancelReservation(t.db, c!, res.id, {})).rejects.toMatchObject({
      status: 409,
      code: "reservation.cancel_deadline_passed",
    });
    expect((await reservationFor(t.db, c!, res.id)).status).toBe("confirmed");
    expect((await reservableRow(t.db, r.id)).taken).toBe(1);
  });

  it("another customer's reservation is not found (404), and the system actor is no customer", async () => {
    const r = await makeReservable(t.db, { capacity: 3 });
    const [c, other] = await makeCustomers(t.db, 2);
    const res = await reserveAndDecide(r.id, c!);
    await expect(cancelReservation(t.db, other!, res.id, {})).rejects.toMatchObject({ status: 404 });
    await expect(payReservation(t.db, other!, res.id, {})).rejects.toMatchObject({ status: 404 });
    await expect(reservationFor(t.db, other!, res.id)).rejects.toMatchObject({ status: 404 });
    await expect(
      tx((x) => requestReservation(x, SYSTEM, { reservableId: r.id, quantity: 1 })),
    ).rejects.toMatchObject({ status: 403 });
    await expect(
      tx((x) => requestReservation(x, null, { reservableId: r.id, quantity: 1 })),
    ).rejects.toMatchObject({ status: 401 });
  });
});

describe("waiting list", () => {
  it("is for full reservables only; freed capacity goes to the next in line as a confirmed hold; unclaimed offers pass on", async () => {
    const r = await makeReservable(t.db, { capacity: 1 });
    const [holder, w1, w2] = await makeCustomers(t.db, 3);
    await expect(tx((x) => joinWaitlist(x, w1!, r.id, {}))).rejects.toMatchObject({
      status: 409,
      code: "waitlist.has_room",
    });
    const res = await reserveAndDecide(r.id, holder!);
    const e1 = await tx((x) => joinWaitlist(x, w1!, r.id, {}));
    const e2 = await tx((x) => joinWaitlist(x, w2!, r.id, {}));
    expect([e1.position, e2.position]).toEqual([1, 2]);
    await expect(tx((x) => joinWaitlist(x, w1!, r.id, {}))).rejects.toMatchObject({
      status: 409,
      code: "waitlist.already_waiting",
    });

    // The holder cancels: the first in line gets a confirmed reservation with its own hold.
    await cancelReservation(t.db, holder!, res.id, {});
    const offered = (await reservationsOf(t.db, r.id)).find((x) => x.customerId === w1!.id)!;
    expect(offered).toMatchObject({ status: "confirmed", waitlistEntryId: e1.id });
    expect(offered.holdExpiresAt!.getTime()).toBeGreaterThan(Date.now());
    expect((await reservableRow(t.db, r.id)).taken).toBe(1);

    // Unclaimed: the offer expires and passes on to the second in line.
    await expireNow(offered.id);
    await settleReservable(t.db, r.id);
    const rows = await reservationsOf(t.db, r.id);
    expect(rows.find((x) => x.id === offered.id)!.status).toBe("expired");
    expect(rows.find((x) => x.customerId === w2!.id)).toMatchObject({
      status: "confirmed",
      waitlistEntryId: e2.id,
    });
    const entries = await t.db
      .select()
      .from(waitlistEntries)
      .where(eq(waitlistEntries.reservableId, r.id))
      .orderBy(waitlistEntries.seq);
    expect(entries.map((e) => e.status)).toEqual(["left", "offered"]);
    expect((await reservableRow(t.db, r.id)).taken).toBe(1);
  });

  it("closes when the reservable starts", async () => {
    const r = await makeReservable(t.db, { capacity: 1 });
    const [holder, w] = await makeCustomers(t.db, 2);
    await reserveAndDecide(r.id, holder!);
    await tx((x) => joinWaitlist(x, w!, r.id, {}));
    await t.db.execute(
      sql`update reservables set starts_at = now() - interval '1 second', cancel_deadline = now() - interval '1 hour' where id = ${r.id}`,
    );
    await settleUntilIdle(t.db);
    const [entry] = await t.db.select().from(waitlistEntries).where(eq(waitlistEntries.reservableId, r.id));
    expect(entry!.status).toBe("closed");
    await expect(tx((x) => joinWaitlist(x, w!, r.id, {}))).rejects.toMatchObject({
      status: 409,
      code: "waitlist.closed",
    });
  });
});
