import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { locations, reservables, reservations } from "@/db/schema";
import type { UserActor } from "@/lib/auth/actor";
import { settleUntilIdle } from "@/lib/reservations/worker";
import { call } from "@/test/http";
import { setupTestDb } from "@/test/db";
import { demoActors, makeCustomer, seedDemo } from "@/test/factories";
import { POST as pay } from "../../reservations/[id]/pay/route";
import { POST as reserve } from "../../reservations/route";
import { POST } from "./route";

const t = setupTestDb();
const who: Record<string, UserActor> = {};
let bundang: string;
let days: string[]; // Seoul dates that have slots at Bundang

const seoulDate = (d: Date) => new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Seoul" }).format(d);
const openSlotsOn = async (day: string) =>
  (
    await t.db
      .select()
      .from(reservables)
      .where(and(eq(reservables.locationId, bundang), eq(reservables.status, "open")))
  ).filter((r) => seoulDate(r.startsAt!) === day);

beforeAll(async () => {
  await seedDemo(t.db);
  Object.assign(who, await demoActors(t.db));
  bundang = (await t.db.select().from(locations).where(eq(locations.code, "HUB-BUNDANG")))[0]!.id;
  const slots = await t.db
    .select()
    .from(reservables)
    .where(eq(reservables.locationId, bundang))
    .orderBy(reservables.startsAt);
  days = [...new Set(slots.map((s) => seoulDate(s.startsAt!)))];
});

describe("POST /api/reservables/cancel-day", () => {
  it("calls off every slot at the hub that day: reservations cancelled with the reason, paid ones refunded", async () => {
    const day = days[1]!;
    const slots = await openSlotsOn(day);
    expect(slots).toHaveLength(4);
    const [a, b] = [await makeCustomer(t.db), await makeCustomer(t.db)];
    const ra = await call(reserve, { as: a, body: { reservableId: slots[0]!.id, quantity: 1 } });
    const rb = await call(reserve, { as: b, body: { reservableId: slots[3]!.id, quantity: 1 } });
    await settleUntilIdle(t.db);
    await call(pay, { as: b, params: { id: rb.body.id }, body: {} });
    const other = (await openSlotsOn(days[2]!))[0]!;

    const res = await call(POST, {
      as: who.dealer,
      body: { locationId: bundang, date: day, reason: "정기 점검 휴무" },
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      cancelledSlots: 4,
      cancelledReservations: 2,
      refunds: 1,
      refundedAmount: 10_000,
    });
    expect(await openSlotsOn(day)).toHaveLength(0);
    const rows = await t.db
      .select()
      .from(reservations)
      .where(sql`${reservations.id} in (${ra.body.id}, ${rb.body.id})`);
    expect(rows.every((r) => r.status === "cancelled" && r.cancelReason === "정기 점검 휴무")).toBe(true);
    expect((await t.db.select().from(reservables).where(eq(reservables.id, other.id)))[0]!.status).toBe(
      "open",
    ); // other days untouched

    const again = await call(POST, {
      as: who.dealer,
      body: { locationId: bundang, date: day, reason: "again" },
    });
    expect([again.status, again.body.code]).toEqual([409, "reservable.no_open_slots"]);
  });

  it("another operator's hub is 404; customers 403; anonymous 401; nothing changes", async () => {
    const day = days[3]!;
    const body = { locationId: bundang, date: day, reason: "x" };
    expect((await call(POST, { as: who.dealer2, body })).status).toBe(404);
    expect((await call(POST, { as: who.marketing, body })).status).toBe(404);
    expect((await call(POST, { as: who.customer, body })).status).toBe(403);
    expect((await call(POST, { body })).status).toBe(401);
    expect(await openSlotsOn(day)).toHaveLength(4);
  });

  it.each([
    ["malformed JSON", { rawBody: "{" }, 400, undefined],
    ["a bad date", { body: { date: "2026-02-30" } }, 422, "date"],
    ["no reason", { body: { reason: undefined } }, 422, "reason"],
    ["a location that is no id", { body: { locationId: 7 } }, 422, "locationId"],
    ["an unknown field", { body: { all: true } }, 422, "all"],
  ])("answers %s with a problem and changes nothing", async (_l, opts, status, field) => {
    const day = days[4]!;
    const o = opts as { rawBody?: string; body?: Record<string, unknown> };
    const res = await call(POST, {
      as: who.dealer,
      ...(o.rawBody !== undefined
        ? { rawBody: o.rawBody }
        : { body: { locationId: bundang, date: day, reason: "x", ...o.body } }),
    });
    expect(res.status).toBe(status);
    if (field) expect(res.body.errors).toHaveProperty(field);
    expect(await openSlotsOn(day)).toHaveLength(4);
  });
});
