import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { payments, reservations } from "@/db/schema";
import type { UserActor } from "@/lib/auth/actor";
import { call } from "@/test/http";
import { setupTestDb } from "@/test/db";
import { makeCustomer, seedDemo } from "@/test/factories";
import { confirmedReservation, demoStaff, openPreorder } from "@/test/reservation-fixtures";
import { settleUntilIdle } from "@/lib/reservations/worker";
import { POST as reserve } from "../../route";
import { POST } from "./route";

const t = setupTestDb();
let reservableId: string;
let staff: UserActor[];
const paymentCount = async () => (await t.db.select({ n: sql<number>`count(*)::int` }).from(payments))[0]!.n;

const confirmedFor = (c: UserActor, quantity = 1) => confirmedReservation(t.db, c, reservableId, quantity);

beforeAll(async () => {
  await seedDemo(t.db);
  reservableId = (await openPreorder(t.db)).id;
  staff = await demoStaff(t.db);
});

describe("POST /api/reservations/{id}/pay", () => {
  it("pays a confirmed reservation: 200 paid, a reservation payment for price × quantity", async () => {
    const c = await makeCustomer(t.db);
    const id = await confirmedFor(c, 2);
    const res = await call(POST, { as: c, params: { id }, body: {} });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id, status: "paid", amount: 2 * 1_290_000 });
    const [p] = await t.db.select().from(payments).where(eq(payments.refId, id));
    expect(p).toMatchObject({ purpose: "reservation", amount: 2 * 1_290_000, status: "captured" });
    const again = await call(POST, { as: c, params: { id }, body: {} });
    expect([again.status, again.body.code]).toEqual([409, "reservation.already_paid"]);
  });

  it("declines the test card with 402, paying nothing (the declined attempt is on record)", async () => {
    const c = await makeCustomer(t.db);
    const id = await confirmedFor(c);
    const before = await paymentCount();
    const res = await call(POST, { as: c, params: { id }, body: { cardNumber: "4000 0000 0000 0002" } });
    expect([res.status, res.body.code]).toEqual([402, "payment.declined"]);
    expect(await paymentCount()).toBe(before + 1);
    const [p] = await t.db.select().from(payments).where(eq(payments.refId, id));
    expect(p).toMatchObject({ status: "declined", failureReason: "card_declined", refundedAmount: 0 });
    const [r] = await t.db.select().from(reservations).where(eq(reservations.id, id));
    expect(r!.status).toBe("confirmed");
  });

  it("is 409 for a pending reservation and after the hold ran out", async () => {
    const c = await makeCustomer(t.db);
    const pending = await call(reserve, { as: c, body: { reservableId, quantity: 1 } });
    const res = await call(POST, { as: c, params: { id: pending.body.id }, body: {} });
    expect([res.status, res.body.code]).toEqual([409, "reservation.not_confirmed"]);
    await settleUntilIdle(t.db);
    await t.db
      .update(reservations)
      .set({ holdExpiresAt: sql`now() - interval '1 second'` })
      .where(eq(reservations.id, pending.body.id));
    const late = await call(POST, { as: c, params: { id: pending.body.id }, body: {} });
    expect([late.status, late.body.code]).toEqual([409, "reservation.hold_expired"]);
  });

  it.each([
    ["malformed JSON", { rawBody: "{" }, 400, undefined],
    ["an unknown field", { body: { amount: 1 } }, 422, "amount"],
    ["a card number of the wrong type", { body: { cardNumber: 4242 } }, 422, "cardNumber"],
    ["a card number that is no card number", { body: { cardNumber: "hello" } }, 422, "cardNumber"],
    ["a huge card number", { body: { cardNumber: "4".repeat(10_000) } }, 422, "cardNumber"],
  ])("answers %s with a problem, paying nothing", async (_l, opts, status, field) => {
    const c = await makeCustomer(t.db);
    const id = await confirmedFor(c);
    const before = await paymentCount();
    const res = await call(POST, { as: c, params: { id }, ...opts });
    expect(res.status).toBe(status);
    if (field) expect(res.body.errors).toHaveProperty(field);
    expect(await paymentCount()).toBe(before);
  });

  it("refuses anonymous (401), staff (403), another customer (404) and a non-UUID id (404)", async () => {
    const c = await makeCustomer(t.db);
    const other = await makeCustomer(t.db);
    const id = await confirmedFor(c);
    const before = await paymentCount();
    expect((await call(POST, { params: { id }, body: {} })).status).toBe(401);
    for (const s of staff) expect((await call(POST, { as: s, params: { id }, body: {} })).status).toBe(403);
    expect((await call(POST, { as: other, params: { id }, body: {} })).status).toBe(404);
    expect((await call(POST, { as: c, params: { id: "123" }, body: {} })).status).toBe(404);
    expect(await paymentCount()).toBe(before);
  });
});
