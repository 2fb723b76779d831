import { TZDate } from "@date-fns/tz";
import { addDays } from "date-fns";
import { eq, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { locations } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { actorUserId } from "@/lib/auth/actor";
import { Conflict, NotFound } from "@/lib/errors";
import { TIME_ZONE } from "@/lib/i18n/config";
import { loadManagedReservable, requireStaff, reservableNotFound } from "./access";
import { notifyChanged } from "./events";
import { refundReservationPayment } from "./payments";
import { idOrNotFound } from "@/lib/validation";
import { CancelReservableInput, CancelSlotDayInput } from "./schemas";

export type CallOffResult = { cancelledReservations: number; refunds: number; refundedAmount: number };

/**
 * Calls off one reservable whose row the caller holds FOR UPDATE: every pending, confirmed and paid
 * reservation on it is cancelled with the staff's reason (the customers see it), paid ones are
 * refunded, nothing is taken any more, and the waiting list closes.
 */
async function callOff(tx: Tx, id: string, who: string | null, reason: string): Promise<CallOffResult> {
  await tx.execute(sql`
    update reservables set status = 'cancelled', cancelled_reason = ${reason}, cancelled_at = now(),
      cancelled_by = ${who}, taken = 0
    where id = ${id}`);
  const cancelled = await tx.execute<{ id: string; status: string; payment_id: string | null }>(sql`
    with c as (
      select id, status from reservations
      where reservable_id = ${id} and status in ('pending', 'confirmed', 'paid') for update)
    update reservations t set status = 'cancelled', cancelled_at = now(), cancelled_by = ${who},
      cancel_reason = ${reason}, updated_at = now()
    from c where t.id = c.id
    returning t.id, c.status, t.payment_id`);
  let refundedAmount = 0;
  let refunds = 0;
  for (const row of cancelled) {
    if (row.status === "paid" && row.payment_id) {
      const amount = await refundReservationPayment(tx, {
        paymentId: row.payment_id,
        reservationId: row.id,
        reason,
        actorUserId: who,
      });
      refundedAmount += amount;
      if (amount > 0) refunds++;
    }
  }
  await tx.execute(sql`
    update waitlist_entries set status = 'closed', updated_at = now()
    where reservable_id = ${id} and status in ('waiting', 'offered')`);
  return { cancelledReservations: cancelled.length, refunds, refundedAmount };
}

/** Staff call off a whole reservable (an event cancelled), all or nothing, in one go. */
export async function cancelReservable(tx: Tx, actor: Actor | null, reservableId: string, raw: unknown) {
  const id = idOrNotFound(reservableId, reservableNotFound);
  const r = await loadManagedReservable(tx, actor, id, { lock: true });
  const input = CancelReservableInput.parse(raw);
  if (r.status === "cancelled")
    throw new Conflict("reservable.already_cancelled", "This reservable is already cancelled.");
  const result = await callOff(tx, id, actorUserId(actor!), input.reason);
  await notifyChanged(tx, id);
  return { id, status: "cancelled" as const, ...result };
}

/**
 * A hub's operator calls off a whole day of appointments at one of their hubs (the shop is closed):
 * every open slot that day (Seoul time) is called off as above, in one transaction, the slot rows
 * locked in id order so two such calls never deadlock.
 */
export async function cancelSlotDay(tx: Tx, actor: Actor | null, raw: unknown) {
  const staff = requireStaff(actor);
  const input = CancelSlotDayInput.parse(raw);
  const [loc] = await tx
    .select({ operatorId: locations.operatorId })
    .from(locations)
    .where(eq(locations.id, input.locationId));
  if (!loc || loc.operatorId !== staff.organisationId)
    throw new NotFound("location.not_found", "No such location.");
  const [y, m, d] = input.date.split("-").map(Number) as [number, number, number];
  const from = new TZDate(y, m - 1, d, 0, 0, TIME_ZONE);
  const slots = await tx.execute<{ id: string }>(sql`
    select id from reservables
    where kind = 'slot' and location_id = ${input.locationId} and status = 'open'
      and starts_at >= ${from.toISOString()} and starts_at < ${addDays(from, 1).toISOString()}
    order by id
    for update`);
  if (slots.length === 0)
    throw new Conflict("reservable.no_open_slots", "There are no open slots at this HUB that day.");
  const total: CallOffResult = { cancelledReservations: 0, refunds: 0, refundedAmount: 0 };
  for (const s of slots) {
    const r = await callOff(tx, s.id, staff.id, input.reason);
    total.cancelledReservations += r.cancelledReservations;
    total.refunds += r.refunds;
    total.refundedAmount += r.refundedAmount;
  }
  await notifyChanged(
    tx,
    slots.map((s) => s.id),
  );
  return { cancelledSlots: slots.length, ...total };
}
