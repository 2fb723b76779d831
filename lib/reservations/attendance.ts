import { TZDate } from "@date-fns/tz";
import { addDays, addMinutes } from "date-fns";
import { and, asc, eq, gte, lt, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db, Tx } from "@/db/client";
import { locations, products, reservables, reservations, users } from "@/db/schema";
import { TIME_ZONE } from "@/lib/i18n/config";
import { recordAudit } from "@/lib/audit";
import type { Actor } from "@/lib/auth/actor";
import { Conflict } from "@/lib/errors";
import { idOrNotFound, Note } from "@/lib/validation";
import { manages, requireStaff, reservationNotFound } from "./access";
import { notifyChanged } from "./events";

/** Check-in opens this long before the slot starts: customers come a little early. */
export const CHECK_IN_EARLY_MINUTES = 30;

export const AttendanceInput = z.strictObject({
  note: Note.optional(),
});

export type Attendance = "checked_in" | "no_show";

/**
 * The hub's staff record how an appointment went: the customer came (`checked_in`) or did not
 * (`no_show`). Rules:
 *   - who: the operator of the slot's hub (its dealer; marketing for org hubs). Anyone else's
 *     reservation, or an unknown one, is 404; a customer or a seller without hubs is refused (403/404);
 *   - what: a `paid` reservation of a slot (a pre-order's is no appointment: 404; pending,
 *     confirmed-but-unpaid, cancelled, expired: 409 `reservation.not_attendable`);
 *   - when: check-in from 30 minutes before the slot starts until it ends (409 `too_early` / `too_late`);
 *     no-show once the slot has started (409 `too_early` before), at any time after;
 *   - once: either is recorded once and for all (a repeat, or the other one, is 409
 *     `reservation.attendance_recorded`). A no-show keeps its payment (the slot was held for the customer).
 * The reservation row is locked (FOR UPDATE), so a check-in and a no-show at once: one wins, the other 409.
 * One audit row, `reservation.check_in` or `reservation.no_show`.
 */
async function record(tx: Tx, actor: Actor | null, rawId: unknown, raw: unknown, what: Attendance) {
  const staff = requireStaff(actor);
  const id = idOrNotFound(rawId, reservationNotFound);
  const input = AttendanceInput.parse(raw);
  const [row] = await tx
    .select({
      id: reservations.id,
      status: reservations.status,
      attendance: reservations.attendance,
      reservableId: reservations.reservableId,
      kind: reservables.kind,
      startsAt: reservables.startsAt,
      endsAt: reservables.endsAt,
      locationOperatorId: locations.operatorId,
      locationId: reservables.locationId,
      now: sql<Date>`now()`.mapWith((v: string | Date) => new Date(v)),
    })
    .from(reservations)
    .innerJoin(reservables, eq(reservables.id, reservations.reservableId))
    .leftJoin(locations, eq(locations.id, reservables.locationId))
    .where(eq(reservations.id, id))
    .for("update", { of: reservations });
  // Only the hub's own staff see its appointments here; a pre-order is no appointment (404 too).
  if (
    !row ||
    row.kind !== "slot" ||
    !manages(staff, { kind: "slot", locationOperatorId: row.locationOperatorId, productSellerId: "" }, null)
  )
    throw reservationNotFound();
  if (row.attendance)
    throw new Conflict(
      "reservation.attendance_recorded",
      `This appointment is already recorded as ${row.attendance === "checked_in" ? "checked in" : "a no-show"}.`,
      { attendance: row.attendance },
    );
  if (row.status !== "paid")
    throw new Conflict(
      "reservation.not_attendable",
      `Only a paid appointment can be checked in or marked a no-show (it is ${row.status}).`,
      { reservationStatus: row.status },
    );
  const starts = row.startsAt!;
  const ends = row.endsAt ?? addMinutes(starts, 60);
  const opens = what === "checked_in" ? addMinutes(starts, -CHECK_IN_EARLY_MINUTES) : starts;
  if (row.now < opens)
    throw new Conflict(
      "reservation.too_early",
      what === "checked_in"
        ? `Check-in opens ${CHECK_IN_EARLY_MINUTES} minutes before the appointment.`
        : "A no-show can be recorded once the appointment has started.",
      { opensAt: opens.toISOString() },
    );
  if (what === "checked_in" && row.now > ends)
    throw new Conflict("reservation.too_late", "The appointment is over: record a no-show instead.", {
      endedAt: ends.toISOString(),
    });
  await tx
    .update(reservations)
    .set({ attendance: what, attendanceAt: row.now, attendanceBy: staff.id, updatedAt: row.now })
    .where(eq(reservations.id, row.id));
  await recordAudit(tx, staff, {
    action: what === "checked_in" ? "reservation.check_in" : "reservation.no_show",
    targetType: "reservation",
    targetId: row.id,
    detail: {
      reservableId: row.reservableId,
      locationId: row.locationId,
      startsAt: starts.toISOString(),
      ...(input.note ? { note: input.note } : {}),
    },
  });
  await notifyChanged(tx, row.reservableId);
  return { id: row.id, status: row.status, attendance: what, attendanceAt: row.now.toISOString() };
}

/** POST /api/reservations/{id}/check-in: the customer came to the appointment. */
export const checkInReservation = (tx: Tx, actor: Actor | null, id: unknown, raw: unknown) =>
  record(tx, actor, id, raw, "checked_in");

/** POST /api/reservations/{id}/no-show: the customer did not come. */
export const markNoShow = (tx: Tx, actor: Actor | null, id: unknown, raw: unknown) =>
  record(tx, actor, id, raw, "no_show");

export type Appointment = {
  id: string;
  customerName: string;
  quantity: number;
  startsAt: string;
  endsAt: string | null;
  location: { name: string; nameEn: string };
  productName: string;
  productNameEn: string;
  attendance: Attendance | null;
  /** What may be recorded now, by the rules above. */
  canCheckIn: boolean;
  canMarkNoShow: boolean;
};

/**
 * The staff page's list: today's (Seoul) paid appointments at the hubs this actor runs, by start time,
 * with what may be recorded now. Empty for staff who run no hub.
 */
export async function todaysAppointments(
  db: Db | Tx,
  actor: Actor | null,
  now = new Date(),
): Promise<Appointment[]> {
  const staff = requireStaff(actor);
  if (!staff.organisationId) return [];
  const today = new TZDate(now.getTime(), TIME_ZONE);
  const from = new Date(
    new TZDate(today.getFullYear(), today.getMonth(), today.getDate(), 0, 0, TIME_ZONE).getTime(),
  );
  const rows = await db
    .select({
      id: reservations.id,
      customerName: users.name,
      quantity: reservations.quantity,
      startsAt: reservables.startsAt,
      endsAt: reservables.endsAt,
      locName: locations.name,
      locNameEn: locations.nameEn,
      productName: products.nameKo,
      productNameEn: products.nameEn,
      attendance: reservations.attendance,
    })
    .from(reservations)
    .innerJoin(reservables, eq(reservables.id, reservations.reservableId))
    .innerJoin(locations, eq(locations.id, reservables.locationId))
    .innerJoin(products, eq(products.id, reservables.productId))
    .innerJoin(users, eq(users.id, reservations.customerId))
    .where(
      and(
        eq(reservables.kind, "slot"),
        eq(locations.operatorId, staff.organisationId),
        eq(reservations.status, "paid"),
        gte(reservables.startsAt, from),
        lt(reservables.startsAt, addDays(from, 1)),
      ),
    )
    .orderBy(asc(reservables.startsAt), asc(reservations.seq))
    .limit(500);
  return rows.map((r) => {
    const starts = r.startsAt!;
    const ends = r.endsAt ?? addMinutes(starts, 60);
    const open = !r.attendance;
    return {
      id: r.id,
      customerName: r.customerName,
      quantity: r.quantity,
      startsAt: starts.toISOString(),
      endsAt: r.endsAt ? r.endsAt.toISOString() : null,
      location: { name: r.locName, nameEn: r.locNameEn },
      productName: r.productName,
      productNameEn: r.productNameEn,
      attendance: r.attendance,
      canCheckIn: open && now >= addMinutes(starts, -CHECK_IN_EARLY_MINUTES) && now <= ends,
      canMarkNoShow: open && now >= starts,
    };
  });
}
