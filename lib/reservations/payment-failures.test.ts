import { eq, inArray, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { payments, refunds, reservations } from "@/db/schema";
import type { UserActor } from "@/lib/auth/actor";
import { TEST_CARDS } from "@/lib/payments/fake";
import { settleIntents } from "@/lib/payments/settle-intents";
import { ScriptedProvider } from "@/lib/payments/testing";
import { setupTestDb } from "@/test/db";
import { actorFor, seedDemo } from "@/test/factories";
import { cancelReservable } from "./cancel-reservable";
import { cancelReservation } from "./cancel-reservation";
import { payReservation } from "./pay-reservation";
import { requestReservation } from "./request-reservation";
import { settleReservable } from "./settle-reservable";
import { makeCustomers, makeReservable, makeReservationProduct, reservableRow } from "./testing";
import { settleUntilIdle } from "./worker";

/**
 * Reservation payments with a provider that fails, does not answer, or answers after the caller died:
 * never a charge without a paid reservation or a refund, never a refund twice, whatever is retried.
 */
const t = setupTestDb();
let seller: UserActor;

beforeAll(async () => {
  await seedDemo(t.db);
  seller = await actorFor(t.db, "seller@demo.test");
});

async function reservable(capacity = 5) {
  const p = await makeReservationProduct(t.db, { sellerId: seller.organisationId! });
  return makeReservable(t.db, { ...p, capacity });
}

/** `n` customers, each holding one confirmed reservation of `r`. */
async function confirmed(reservableId: string, n = 1) {
  const customers = await makeCustomers(t.db, n);
  const ids: string[] = [];
  for (const c of customers)
    ids.push((await t.db.transaction((x) => requestReservation(x, c, { reservableId, quantity: 1 }))).id);
  await settleUntilIdle(t.db);
  return customers.map((c, i) => ({ customer: c, id: ids[i]! }));
}

const sweep = (provider: ScriptedProvider) => settleIntents(t.db, { provider, olderThanMs: 0 });
const reservation = async (id: string) =>
  (await t.db.select().from(reservations).where(eq(reservations.id, id)))[0]!;
const paymentsOf = (id: string) => t.db.select().from(payments).where(eq(payments.refId, id));

describe("paying", () => {
  it("charged but its answer lost (the caller died): 409 pending, the hold is kept, the sweep pays it once", async () => {
    const r = await reservable();
    const { customer, id } = (await confirmed(r.id))[0]!;
    const provider = new ScriptedProvider(undefined, { db: t.db }).next("capture", "lost");
    await expect(payReservation(t.db, customer, id, {}, { payments: provider })).rejects.toMatchObject({
      status: 409,
      code: "payment.pending",
    });
    expect(await reservation(id)).toMatchObject({ status: "confirmed", paymentId: null });
    // Paying again meanwhile does not charge a second time.
    await expect(payReservation(t.db, customer, id, {}, { payments: provider })).rejects.toMatchObject({
      code: "payment.pending",
    });
    // The hold runs out while the charge is open: the worker leaves the reservation to its payment.
    await t.db
      .update(reservations)
      .set({ holdExpiresAt: sql`now() - interval '1 second'` })
      .where(eq(reservations.id, id));
    await settleReservable(t.db, r.id);
    expect((await reservation(id)).status).toBe("confirmed");
    expect((await reservableRow(t.db, r.id)).taken).toBe(1);

    expect(await sweep(provider)).toMatchObject({ payments: 1, failed: 0 });
    const [p] = await paymentsOf(id);
    expect(p).toMatchObject({ status: "captured", amount: 1_000_000 });
    expect(await reservation(id)).toMatchObject({ status: "paid", paymentId: p!.id });
    expect(await sweep(provider)).toMatchObject({ payments: 0 });
    expect(await paymentsOf(id)).toHaveLength(1);
    expect(provider.fake.all().filter((a) => a.id === p!.providerRef)).toMatchObject([{ state: "captured" }]);
    expect(provider.count("authorize")).toBe(1);
    expect(provider.underLock).toEqual([]);
  });

  it("the authorization never reached the provider: 409 pending; the sweep ends it; paying again works", async () => {
    const r = await reservable();
    const { customer, id } = (await confirmed(r.id))[0]!;
    const provider = new ScriptedProvider().next("authorize", "fail");
    await expect(payReservation(t.db, customer, id, {}, { payments: provider })).rejects.toMatchObject({
      code: "payment.pending",
    });
    await sweep(provider);
    expect(await paymentsOf(id)).toMatchObject([{ status: "declined" }]);
    await expect(payReservation(t.db, customer, id, {}, { payments: provider })).resolves.toMatchObject({
      status: "paid",
    });
  });

  it("cancelled while its charge was in flight: the sweep gives the money back, once", async () => {
    const r = await reservable();
    const { customer, id } = (await confirmed(r.id))[0]!;
    const provider = new ScriptedProvider().next("capture", "lost");
    await expect(payReservation(t.db, customer, id, {}, { payments: provider })).rejects.toMatchObject({
      code: "payment.pending",
    });
    expect(await cancelReservation(t.db, customer, id, {}, { payments: provider })).toMatchObject({
      status: "cancelled",
      refunded: 0,
    });
    await sweep(provider);
    await sweep(provider);
    const [p] = await paymentsOf(id);
    expect(p).toMatchObject({ status: "refunded", refundedAmount: p!.amount });
    expect(await t.db.select().from(refunds).where(eq(refunds.paymentId, p!.id))).toMatchObject([
      { status: "succeeded", refType: "reservation", refId: id, amount: p!.amount },
    ]);
    expect(provider.fake.refunds(p!.providerRef!)).toHaveLength(1);
    expect((await reservation(id)).status).toBe("cancelled");
  });

  it("a refused capture is 402 capture_failed, the hold voided, and the reservation can still be paid", async () => {
    const r = await reservable();
    const { customer, id } = (await confirmed(r.id))[0]!;
    const provider = new ScriptedProvider();
    await expect(
      payReservation(t.db, customer, id, { cardNumber: TEST_CARDS.captureFails }, { payments: provider }),
    ).rejects.toMatchObject({ status: 402, code: "payment.declined", meta: { reason: "capture_failed" } });
    const [failed] = await paymentsOf(id);
    expect(failed).toMatchObject({ status: "declined", failureReason: "capture_failed" });
    expect(provider.fake.inspect(failed!.providerRef!)!.state).toBe("voided");
    await expect(payReservation(t.db, customer, id, {}, { payments: provider })).resolves.toMatchObject({
      status: "paid",
    });
  });

  it("two payments of one reservation at once charge it once", async () => {
    const r = await reservable();
    const { customer, id } = (await confirmed(r.id))[0]!;
    const provider = new ScriptedProvider();
    const results = await Promise.allSettled(
      Array.from({ length: 4 }, () => payReservation(t.db, customer, id, {}, { payments: provider })),
    );
    expect(results.filter((x) => x.status === "fulfilled")).toHaveLength(1);
    for (const x of results.filter((y) => y.status === "rejected"))
      expect((x as PromiseRejectedResult).reason).toMatchObject({ status: 409 });
    expect(provider.count("authorize")).toBe(1);
    expect((await paymentsOf(id)).map((p) => p.status)).toEqual(["captured"]);
  });
});

describe("calling off a reservable with many paid reservations", () => {
  async function paidReservations(n: number, provider: ScriptedProvider) {
    const r = await reservable(n + 2);
    const held = await confirmed(r.id, n);
    for (const h of held) await payReservation(t.db, h.customer, h.id, {}, { payments: provider });
    return { r, ids: held.map((h) => h.id) };
  }
  const refundsOf = async (ids: string[]) => t.db.select().from(refunds).where(inArray(refunds.refId, ids));

  it("a refund failing midway is finished by the sweep, and neither a retry nor the sweep refunds twice", async () => {
    const provider = new ScriptedProvider(undefined, { db: t.db });
    const { r, ids } = await paidReservations(12, provider);
    provider.next("refund", "ok", "ok", "ok", "lost");
    const out = await cancelReservable(
      t.db,
      seller,
      r.id,
      { reason: "launch postponed" },
      { payments: provider },
    );
    expect(out).toMatchObject({
      status: "cancelled",
      cancelledReservations: 12,
      refunds: 12,
      refundedAmount: 12_000_000,
    });
    const midway = await refundsOf(ids);
    expect(midway).toHaveLength(12);
    expect(midway.filter((x) => x.status === "pending").length).toBeGreaterThan(0);

    await expect(
      cancelReservable(t.db, seller, r.id, { reason: "again" }, { payments: provider }),
    ).rejects.toMatchObject({ status: 409, code: "reservable.already_cancelled" });
    await sweep(provider);
    await sweep(provider);

    const after = await refundsOf(ids);
    expect(after.map((x) => x.status)).toEqual(Array(12).fill("succeeded"));
    const paid = await t.db.select().from(payments).where(inArray(payments.refId, ids));
    expect(paid.every((p) => p.status === "refunded" && p.refundedAmount === p.amount)).toBe(true);
    for (const p of paid) expect(provider.fake.refunds(p.providerRef!)).toHaveLength(1);
    expect(provider.underLock).toEqual([]);
  });

  it("a call-off that rolls back midway refunds nothing; done again, it refunds each once", async () => {
    const provider = new ScriptedProvider();
    const { r, ids } = await paidReservations(6, provider);
    // Make the call-off fail at its last step, after every reservation is cancelled and every refund asked.
    await t.db.execute(sql`
      create function test_fail_close() returns trigger language plpgsql as $$
      begin raise exception 'the call-off failed midway'; end $$`);
    await t.db.execute(sql`
      create trigger test_fail_close before update on waitlist_entries
      for each statement execute function test_fail_close()`);
    try {
      await expect(
        cancelReservable(t.db, seller, r.id, { reason: "storm" }, { payments: provider }),
      ).rejects.toMatchObject({ cause: { message: "the call-off failed midway" } });
    } finally {
      await t.db.execute(sql`drop trigger test_fail_close on waitlist_entries`);
      await t.db.execute(sql`drop function test_fail_close()`);
    }
    expect(provider.count("refund")).toBe(0);
    expect(await refundsOf(ids)).toHaveLength(0);
    expect((await Promise.all(ids.map(reservation))).every((x) => x.status === "paid")).toBe(true);

    await expect(
      cancelReservable(t.db, seller, r.id, { reason: "storm" }, { payments: provider }),
    ).resolves.toMatchObject({ refunds: 6 });
    await sweep(provider);
    expect((await refundsOf(ids)).map((x) => x.status)).toEqual(Array(6).fill("succeeded"));
    expect(provider.count("refund")).toBe(6);
  });
});
