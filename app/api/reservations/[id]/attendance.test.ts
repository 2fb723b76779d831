import { addMinutes } from "date-fns";
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { reservables, reservations } from "@/db/schema";
import { checkInReservation, markNoShow, todaysAppointments } from "@/lib/reservations/attendance";
import { payReservation } from "@/lib/reservations/pay-reservation";
import { reservationFor } from "@/lib/reservations/queries";
import { requestReservation } from "@/lib/reservations/request-reservation";
import { makeCustomers, makeReservable, makeReservationProduct } from "@/lib/reservations/testing";
import { settleUntilIdle } from "@/lib/reservations/worker";
import { auditProbe } from "@/test/audit";
import { setupDemoWorld } from "@/test/demo-world";
import { call } from "@/test/http";
import { POST as checkIn } from "./check-in/route";
import { POST as noShow } from "./no-show/route";

const { t, ids, who } = setupDemoWorld();
const { rowsWritten } = auditProbe(() => t.db);

/** A paid appointment at `hub` (booked while the slot was ahead), then the clock moved: it starts `startsIn` minutes from now. */
async function appointment(
  hub: string,
  startsIn: number,
  opts: { pay?: boolean; kind?: "slot" | "preorder" } = {},
) {
  const p = await makeReservationProduct(t.db, { price: 10_000 });
  const ahead = addMinutes(new Date(), 600);
  const kind = opts.kind ?? "slot";
  const r = await makeReservable(t.db, {
    ...p,
    kind,
    locationId: kind === "slot" ? ids.loc(hub) : null,
    startsAt: ahead,
    endsAt: kind === "slot" ? addMinutes(ahead, 60) : null,
    cancelDeadline: addMinutes(ahead, -120),
    capacity: 10,
  });
  const [c] = await makeCustomers(t.db, 1);
  const ack = await t.db.transaction((tx) => requestReservation(tx, c!, { reservableId: r.id, quantity: 1 }));
  await settleUntilIdle(t.db);
  if (opts.pay !== false) await payReservation(t.db, c!, ack.id, {});
  await moveSlot(r.id, startsIn);
  return { id: ack.id, reservableId: r.id, customer: c! };
}

const moveSlot = (reservableId: string, startsIn: number) =>
  t.db
    .update(reservables)
    .set({
      startsAt: addMinutes(new Date(), startsIn),
      endsAt: addMinutes(new Date(), startsIn + 60),
      cancelDeadline: addMinutes(new Date(), startsIn - 120),
    })
    .where(eq(reservables.id, reservableId));

async function snapshot() {
  const [row] = await t.db.execute(sql`select
    (select count(*)::int from audit_log) as audit,
    (select string_agg(id::text || coalesce(attendance, '-'), ',' order by id) from reservations) as attendance`);
  return row;
}

describe("POST /api/reservations/{id}/check-in and /no-show", () => {
  it("the hub's dealer checks a customer in from 30 minutes before the slot; one audit row; the customer sees it", async () => {
    const a = await appointment("HUB-GANGNAM", 20);
    const rows = await rowsWritten(async () => {
      const res = await call(checkIn, { as: who.dealer, params: { id: a.id }, body: { note: "came early" } });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: a.id, status: "paid", attendance: "checked_in" });
    });
    expect(rows.map((r) => [r.actorId, r.action, r.targetType, r.targetId])).toEqual([
      [who.dealer!.id, "reservation.check_in", "reservation", a.id],
    ]);
    expect(rows[0]!.detail).toMatchObject({ reservableId: a.reservableId, note: "came early" });
    expect(await reservationFor(t.db, a.customer, a.id)).toMatchObject({
      attendance: "checked_in",
      attendanceAt: expect.any(String),
    });
    // Once and for all: a repeat, or a no-show after it, is 409 and writes nothing.
    const before = await snapshot();
    const again = await call(checkIn, { as: who.dealer, params: { id: a.id }, body: {} });
    expect([again.status, again.body.code]).toEqual([409, "reservation.attendance_recorded"]);
    const other = await call(noShow, { as: who.dealer, params: { id: a.id }, body: {} });
    expect([other.status, other.body.code]).toEqual([409, "reservation.attendance_recorded"]);
    expect(await snapshot()).toEqual(before);
  });

  it("marks a no-show once the slot has started, never before; check-in closes when the slot ends", async () => {
    const a = await appointment("HUB-BUNDANG", 45);
    const before = await snapshot();
    const early = await call(checkIn, { as: who.dealer, params: { id: a.id }, body: {} });
    expect([early.status, early.body.code]).toEqual([409, "reservation.too_early"]);
    await moveSlot(a.reservableId, 10);
    const earlyNoShow = await call(noShow, { as: who.dealer, params: { id: a.id }, body: {} });
    expect([earlyNoShow.status, earlyNoShow.body.code]).toEqual([409, "reservation.too_early"]);
    expect(await snapshot()).toEqual(before);
    await moveSlot(a.reservableId, -90); // started 90 minutes ago, ended 30 minutes ago
    const late = await call(checkIn, { as: who.dealer, params: { id: a.id }, body: {} });
    expect([late.status, late.body.code]).toEqual([409, "reservation.too_late"]);
    expect(await snapshot()).toEqual(before);
    const res = await call(noShow, { as: who.dealer, params: { id: a.id }, body: {} });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ attendance: "no_show" });
    const [row] = await t.db.select().from(reservations).where(eq(reservations.id, a.id));
    // The payment is kept: still paid.
    expect(row).toMatchObject({ status: "paid", attendance: "no_show", attendanceBy: who.dealer!.id });
  });

  it("marketing runs the org hubs' appointments", async () => {
    const a = await appointment("HUB-JONGNO", -5);
    expect((await call(checkIn, { as: who.marketing, params: { id: a.id }, body: {} })).status).toBe(200);
  });

  it("refuses everyone else, unpaid or pre-order reservations and bad bodies, writing nothing", async () => {
    const a = await appointment("HUB-GANGNAM", -5);
    const unpaid = await appointment("HUB-GANGNAM", -5, { pay: false });
    const pre = await appointment("HUB-GANGNAM", -5, { kind: "preorder" });
    const before = await snapshot();
    for (const handler of [checkIn, noShow]) {
      expect((await call(handler, { as: null, params: { id: a.id }, body: {} })).status).toBe(401);
      expect((await call(handler, { as: who.customer, params: { id: a.id }, body: {} })).status).toBe(403);
      expect((await call(handler, { as: a.customer, params: { id: a.id }, body: {} })).status).toBe(403);
      // Another dealer's hub, a seller, and marketing for a dealer's hub: not theirs, so it does not exist.
      for (const n of ["dealer2", "seller", "marketing"]) {
        const res = await call(handler, { as: who[n], params: { id: a.id }, body: {} });
        expect([n, res.status, res.body.code]).toEqual([n, 404, "reservation.not_found"]);
        expect(res.headers.get("content-type")).toContain("application/problem+json");
      }
      for (const id of ["nope", "00000000-0000-4000-8000-000000000000", pre.id])
        expect((await call(handler, { as: who.dealer, params: { id }, body: {} })).status).toBe(404);
      const notPaid = await call(handler, { as: who.dealer, params: { id: unpaid.id }, body: {} });
      expect([notPaid.status, notPaid.body.code]).toEqual([409, "reservation.not_attendable"]);
      for (const [body, field] of [
        [{ note: 5 }, "note"],
        [{ note: "x".repeat(501) }, "note"],
        [{ late: true }, "late"],
      ] as const) {
        const res = await call(handler, { as: who.dealer, params: { id: a.id }, body });
        expect(res.status).toBe(422);
        expect(Object.keys(res.body.errors)).toContain(field);
      }
      const malformed = await call(handler, {
        as: who.dealer,
        params: { id: a.id },
        rawBody: "{",
        headers: { "content-type": "application/json" },
      });
      expect(malformed.status).toBe(400);
    }
    expect(await snapshot()).toEqual(before);
  });

  it("a check-in and a no-show at once: exactly one is recorded", async () => {
    const a = await appointment("HUB-GANGNAM", -5);
    const [x, y] = await Promise.allSettled([
      t.db.transaction((tx) => checkInReservation(tx, who.dealer!, a.id, {})),
      t.db.transaction((tx) => markNoShow(tx, who.dealer!, a.id, {})),
    ]);
    expect([x.status, y.status].sort()).toEqual(["fulfilled", "rejected"]);
    expect([x, y].find((r) => r.status === "rejected")).toMatchObject({
      reason: { code: "reservation.attendance_recorded" },
    });
  });

  it("lists today's paid appointments at my hubs with what may be recorded now", async () => {
    const soon = await appointment("HUB-GANGNAM", 10);
    const later = await appointment("HUB-GANGNAM", 50);
    const list = await todaysAppointments(t.db, who.dealer!);
    const find = (id: string) => list.find((a) => a.id === id);
    // Both are today unless the test runs right before Seoul midnight.
    const seoulDay = (d: Date) => new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Seoul" }).format(d);
    if (seoulDay(addMinutes(new Date(), 50)) === seoulDay(new Date())) {
      expect(find(soon.id)).toMatchObject({ canCheckIn: true, canMarkNoShow: false, attendance: null });
      expect(find(later.id)).toMatchObject({ canCheckIn: false, canMarkNoShow: false });
    }
    expect((await todaysAppointments(t.db, who.dealer2!)).map((a) => a.id)).not.toContain(soon.id);
    expect(await todaysAppointments(t.db, who.seller!)).toEqual([]);
    await expect(todaysAppointments(t.db, who.customer!)).rejects.toMatchObject({ status: 403 });
  });
});
