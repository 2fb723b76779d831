import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { locations, payments, refunds, reservables, reservations, waitlistEntries } from "@/db/schema";
import type { UserActor } from "@/lib/auth/actor";
import { settleUntilIdle } from "@/lib/reservations/worker";
import { call } from "@/test/http";
import { setupTestDb } from "@/test/db";
import { demoActors, makeCustomer, seedDemo } from "@/test/factories";
import { POST as reserve } from "../../../reservations/route";
import { POST as pay } from "../../../reservations/[id]/pay/route";
import { POST as waitlist } from "../waitlist/route";
import { POST } from "./route";

const t = setupTestDb();
const who: Record<string, UserActor> = {};
let slots: { id: string }[];

beforeAll(async () => {
  await seedDemo(t.db);
  Object.assign(who, await demoActors(t.db));
  const [gangnam] = await t.db.select().from(locations).where(eq(locations.code, "HUB-GANGNAM"));
  slots = await t.db
    .select()
    .from(reservables)
    .where(and(eq(reservables.locationId, gangnam!.id)))
    .orderBy(reservables.startsAt);
});

const statusOf = async (id: string) =>
  (await t.db.select().from(reservables).where(eq(reservables.id, id)))[0]!;

describe("POST /api/reservables/{id}/cancel (call off a whole slot)", () => {
  it("cancels every reservation on it with the reason, refunds the paid ones, closes the waiting list", async () => {
    const slot = slots[0]!;
    await t.db.execute(sql`update reservables set capacity = 3 where id = ${slot.id}`);
    const cs = await Promise.all(Array.from({ length: 4 }, () => makeCustomer(t.db)));
    const ids: string[] = [];
    for (const c of cs.slice(0, 3))
      ids.push((await call(reserve, { as: c, body: { reservableId: slot.id, quantity: 1 } })).body.id);
    await settleUntilIdle(t.db);
    await call(pay, { as: cs[0]!, params: { id: ids[0]! }, body: {} });
    await call(pay, { as: cs[1]!, params: { id: ids[1]! }, body: {} });
    const w = await call(waitlist, { as: cs[3]!, params: { id: slot.id }, body: {} });
    expect(w.status).toBe(201);
    const late = await call(reserve, { as: cs[3]!, body: { reservableId: slot.id, quantity: 1 } }); // still pending

    const res = await call(POST, {
      as: who.dealer,
      params: { id: slot.id },
      body: { reason: "매장 정전으로 휴무" },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: "cancelled",
      cancelledReservations: 4,
      refunds: 2,
      refundedAmount: 20_000,
    });
    const rows = await t.db.select().from(reservations).where(eq(reservations.reservableId, slot.id));
    expect(
      rows.every(
        (r) =>
          r.status === "cancelled" &&
          r.cancelReason === "매장 정전으로 휴무" &&
          r.cancelledBy === who.dealer!.id,
      ),
    ).toBe(true);
    expect(rows.map((r) => r.id)).toContain(late.body.id);
    expect(await statusOf(slot.id)).toMatchObject({
      status: "cancelled",
      taken: 0,
      cancelledReason: "매장 정전으로 휴무",
    });
    const paid = await t.db
      .select()
      .from(payments)
      .where(sql`${payments.refId} in (${ids[0]!}, ${ids[1]!})`);
    expect(paid.every((p) => p.status === "refunded" && p.refundedAmount === p.amount)).toBe(true);
    expect(
      await t.db
        .select()
        .from(refunds)
        .where(sql`${refunds.refId} in (${ids[0]!}, ${ids[1]!})`),
    ).toHaveLength(2);
    const [entry] = await t.db.select().from(waitlistEntries).where(eq(waitlistEntries.id, w.body.id));
    expect(entry!.status).toBe("closed");
    // The customer sees why.
    const mine = await t.db.select().from(reservations).where(eq(reservations.id, ids[2]!));
    expect(mine[0]!.cancelReason).toBe("매장 정전으로 휴무");

    const again = await call(POST, { as: who.dealer, params: { id: slot.id }, body: { reason: "again" } });
    expect([again.status, again.body.code]).toEqual([409, "reservable.already_cancelled"]);
    await settleUntilIdle(t.db); // the worker has nothing left to do on it
    expect(await statusOf(slot.id)).toMatchObject({ taken: 0 });
  });

  it("another dealer and marketing get 404, a customer 403, anonymous 401; nothing changes", async () => {
    const slot = slots[1]!;
    for (const [a, s] of [
      [who.dealer2, 404],
      [who.marketing, 404],
      [who.seller, 404],
      [who.customer, 403],
      [null, 401],
    ] as const) {
      expect((await call(POST, { as: a, params: { id: slot.id }, body: { reason: "x" } })).status).toBe(s);
    }
    expect((await call(POST, { as: who.dealer, params: { id: "nope" }, body: { reason: "x" } })).status).toBe(
      404,
    );
    expect((await statusOf(slot.id)).status).toBe("open");
  });

  it.each([
    ["malformed JSON", { rawBody: "{" }, 400, undefined],
    ["no reason", { body: {} }, 422, "reason"],
    ["an empty reason", { body: { reason: "  " } }, 422, "reason"],
    ["a reason of the wrong type", { body: { reason: ["x"] } }, 422, "reason"],
    ["an unknown field", { body: { reason: "x", refund: false } }, 422, "refund"],
  ])("answers %s with a problem and changes nothing", async (_l, opts, status, field) => {
    const slot = slots[2]!;
    const res = await call(POST, { as: who.dealer, params: { id: slot.id }, ...opts });
    expect(res.status).toBe(status);
    if (field) expect(res.body.errors).toHaveProperty(field);
    expect((await statusOf(slot.id)).status).toBe("open");
  });
});
