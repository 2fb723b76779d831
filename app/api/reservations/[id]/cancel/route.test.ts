import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { refunds, reservables, reservations } from "@/db/schema";
import type { UserActor } from "@/lib/auth/actor";
import { call } from "@/test/http";
import { setupTestDb } from "@/test/db";
import { makeCustomer, seedDemo } from "@/test/factories";
import { confirmedReservation, demoStaff, openPreorder } from "@/test/reservation-fixtures";
import { POST as pay } from "../pay/route";
import { POST } from "./route";

const t = setupTestDb();
let reservableId: string;
let staff: UserActor[];
const taken = async () =>
  (await t.db.select().from(reservables).where(eq(reservables.id, reservableId)))[0]!.taken;
const statusOf = async (id: string) =>
  (await t.db.select().from(reservations).where(eq(reservations.id, id)))[0]!.status;

const confirmedFor = (c: UserActor, quantity = 1) => confirmedReservation(t.db, c, reservableId, quantity);

beforeAll(async () => {
  await seedDemo(t.db);
  reservableId = (await openPreorder(t.db)).id;
  staff = await demoStaff(t.db);
});

describe("POST /api/reservations/{id}/cancel", () => {
  it("cancels before the deadline: capacity back, the payment refunded, the reason kept", async () => {
    const c = await makeCustomer(t.db);
    const id = await confirmedFor(c, 3);
    await call(pay, { as: c, params: { id }, body: {} });
    const before = await taken();
    const res = await call(POST, { as: c, params: { id }, body: { reason: "일정 변경" } });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ id, status: "cancelled", refunded: 3 * 1_290_000 });
    expect(await taken()).toBe(before - 3);
    const [row] = await t.db.select().from(reservations).where(eq(reservations.id, id));
    expect(row).toMatchObject({ cancelReason: "일정 변경", cancelledBy: c.id });
    const rf = await t.db.select().from(refunds).where(eq(refunds.refId, id));
    expect(rf).toHaveLength(1);
    const again = await call(POST, { as: c, params: { id }, body: {} });
    expect(again.status).toBe(409);
    expect(await t.db.select().from(refunds).where(eq(refunds.refId, id))).toHaveLength(1);
  });

  it("is 409 after the cancellation deadline, changing nothing", async () => {
    const c = await makeCustomer(t.db);
    const id = await confirmedFor(c);
    await t.db.execute(
      sql`update reservables set cancel_deadline = now() - interval '1 minute' where id = ${reservableId}`,
    );
    try {
      const res = await call(POST, { as: c, params: { id }, body: {} });
      expect([res.status, res.body.code]).toEqual([409, "reservation.cancel_deadline_passed"]);
      expect(await statusOf(id)).toBe("confirmed");
    } finally {
      await t.db.execute(
        sql`update reservables set cancel_deadline = starts_at - interval '1 day' where id = ${reservableId}`,
      );
    }
  });

  it.each([
    ["malformed JSON", { rawBody: "nope" }, 400, undefined],
    ["an unknown field", { body: { refund: false } }, 422, "refund"],
    ["a reason of the wrong type", { body: { reason: 42 } }, 422, "reason"],
    ["a huge reason", { body: { reason: "x".repeat(5000) } }, 422, "reason"],
  ])("answers %s with a problem, changing nothing", async (_l, opts, status, field) => {
    const c = await makeCustomer(t.db);
    const id = await confirmedFor(c);
    const res = await call(POST, { as: c, params: { id }, ...opts });
    expect(res.status).toBe(status);
    if (field) expect(res.body.errors).toHaveProperty(field);
    expect(await statusOf(id)).toBe("confirmed");
  });

  it("refuses anonymous (401), staff (403), another customer (404) and a non-UUID id (404)", async () => {
    const c = await makeCustomer(t.db);
    const other = await makeCustomer(t.db);
    const id = await confirmedFor(c);
    expect((await call(POST, { params: { id }, body: {} })).status).toBe(401);
    for (const s of staff) expect((await call(POST, { as: s, params: { id }, body: {} })).status).toBe(403);
    expect((await call(POST, { as: other, params: { id }, body: {} })).status).toBe(404);
    expect((await call(POST, { as: c, params: { id: "../x" }, body: {} })).status).toBe(404);
    expect(await statusOf(id)).toBe("confirmed");
  });
});
