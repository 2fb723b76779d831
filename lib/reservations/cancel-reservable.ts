import { TZDate } from "@date-fns/tz";
import { addDays } from "date-fns";
import { eq, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { locations } from "@/db/schema";
import type { Actor, UserActor } from "@/lib/auth/actor";
import { actorUserId } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit";
import { Conflict, NotFound } from "@/lib/errors";
import { TIME_ZONE } from "@/lib/i18n/config";
import type { PaymentProvider } from "@/lib/payments/provider";
import { requestRefunds, withRefunds, type RefundIntent } from "@/lib/payments/refund";
import { loadManagedReservable, requireStaff, reservableNotFound } from "./access";
import { notifyChanged } from "./events";
import { idOrNotFound } from "@/lib/validation";
import { CancelReservableInput, CancelSlotDayInput } from "./schemas";

export type CallOffResult = { cancelledReservations: number; refunds: number; refundedAmount: number };
type Options = { payments?: PaymentProvider };

/**
 * Calls off one reservable whose row the caller holds FOR UPDATE: every pending, confirmed and paid
 * reservation on it is cancelled with the staff's reason (the customers see it), a refund of each paid one
 * is requested (made after COMMIT, one per reservation ever: a retry or the sweep never refunds twice),
 * nothing is taken any more, and the waiting list closes.
 */
async function callOff(
  tx: Tx,
  id: string,
  who: string | null,
  reason: string,
): Promise<{ cancelledReservations: number; refunds: RefundIntent[] }> {
  await tx.execute(sql`
    update reservables set status = 'cancelled', cancelled_reason = ${reason}, cancelled_at = now(),
      cancelled_by = ${who}, taken = 0
    where id = ${id}`);
  const cancelled = await tx.execute<{ id: string; status: string; payment_id: string | null }>(sql`
    with c as (
      select id, status from reservations
      where reservable_id = ${id} and status in ('pending', 'confirmed', 'paid')
        -- A released pre-order is an order now: cancelling and refunding it is the order's business.
        and not exists (select 1 from orders o where o.reservation_id = reservations.id)
      for update)
    update reservations t set status = 'cancelled', cancelled_at = now(), cancelled_by = ${who},
      cancel_reason = ${reason}, updated_at = now()
    from c where t.id = c.id
    returning t.id, c.status, t.payment_id`);
  const refunds = await requestRefunds(
    tx,
    cancelled.flatMap((row) =>
      row.status === "paid" && row.payment_id
        ? [{ paymentId: row.payment_id, refType: "reservation", refId: row.id, reason, actorUserId: who }]
        : [],
    ),
  );
  await tx.execute(sql`
    update waitlist_entries set status = 'closed', updated_at = now()
    where reservable_id = ${id} and status in ('waiting', 'offered')`);
  return { cancelledReservations: cancelled.length, refunds };
}

const tally = (r: { cancelledReservations: number; refunds: RefundIntent[] }): CallOffResult => ({
  cancelledReservations: r.cancelledReservations,
  refunds: r.refunds.length,
  refundedAmount: r.refunds.reduce((n, x) => n + x.amount, 0),
});

/**
 * Staff call off a whole reservable (an event cancelled), all or nothing, in one transaction; the refunds
 * are made after it commits, so a failure midway leaves every refund requested exactly once.
 */
export async function cancelReservable(
  db: Db,
  actor: Actor | null,
  reservableId: string,
  raw: unknown,
  opts: Options = {},
) {
  const id = idOrNotFound(reservableId, reservableNotFound);
  const out = await withRefunds(
    db,
    async (tx) => {
      const r = await loadManagedReservable(tx, actor, id, { lock: true });
      const input = CancelReservableInput.parse(raw);
      if (r.status === "cancelled")
        throw new Conflict("reservable.already_cancelled", "This reservable is already cancelled.");
      const result = await callOff(tx, id, actorUserId(actor!), input.reason);
      const { refunds, refundedAmount } = tally(result);
      await recordAudit(tx, actor!, {
        action: "reservable.cancel",
        targetType: "reservable",
        targetId: id,
        detail: { reason: input.reason, cancelledReservations: result.cancelledReservations },
        refund: { amount: refundedAmount, detail: { refunds } },
      });
      await notifyChanged(tx, id);
      return result;
    },
    { provider: opts.payments },
  );
  return { id, status: "cancelled" as const, ...tally(out) };
}

/**
 * A hub's operator calls off a whole day of appointments at one of their hubs (the shop is closed):
 * every open slot that day (Seoul time) is called off as above, in one transaction, the slot rows
 * locked in id order so two such calls never deadlock.
 */
export async function cancelSlotDay(db: Db, actor: Actor | null, raw: unknown, opts: Options = {}) {
  const staff = requireStaff(actor);
  const input = CancelSlotDayInput.parse(raw);
  const out = await withRefunds(db, (tx) => callOffDay(tx, staff, input), { provider: opts.payments });
  return { cancelledSlots: out.slots, ...tally(out) };
}

async function callOffDay(
  tx: Tx,
  staff: UserActor,
  input: { locationId: string; date: string; reason: string },
) {
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
  const total = { cancelledReservations: 0, refunds: [] as RefundIntent[] };
  for (const s of slots) {
    const r = await callOff(tx, s.id, staff.id, input.reason);
    total.cancelledReservations += r.cancelledReservations;
    total.refunds.push(...r.refunds);
  }
  const { refunds, refundedAmount } = tally(total);
  await recordAudit(tx, staff, {
    action: "reservable.cancel_day",
    targetType: "location",
    targetId: input.locationId,
    detail: {
      date: input.date,
      reason: input.reason,
      cancelledSlots: slots.length,
      cancelledReservations: total.cancelledReservations,
    },
    refund: { amount: refundedAmount, detail: { refunds } },
  });
  await notifyChanged(
    tx,
    slots.map((s) => s.id),
  );
  return { slots: slots.length, ...total };
}
