import { sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import { actorUserId } from "@/lib/auth/actor";
import { Conflict } from "@/lib/errors";
import { loadManagedReservable } from "./access";
import { notifyChanged } from "./events";
import { refundReservationPayment } from "./payments";
import { pathId } from "./queries";
import { CancelReservableInput } from "./schemas";

/**
 * Staff call off a whole reservable (an event cancelled): under its lock, every pending, confirmed and
 * paid reservation on it is cancelled with the staff's reason (the customers see it), paid ones are
 * refunded, capacity goes to zero taken, and the waiting list closes. All or nothing, in one go.
 */
export async function cancelReservable(tx: Tx, actor: Actor | null, reservableId: string, raw: unknown) {
  const id = pathId(reservableId, "reservable");
  const r = await loadManagedReservable(tx, actor, id, { lock: true });
  const input = CancelReservableInput.parse(raw);
  if (r.status === "cancelled") throw new Conflict("reservable.already_cancelled", "This reservable is already cancelled.");
  const who = actorUserId(actor!);

  await tx.execute(sql`
    update reservables set status = 'cancelled', cancelled_reason = ${input.reason}, cancelled_at = now(),
      cancelled_by = ${who}, taken = 0
    where id = ${id}`);
  const cancelled = await tx.execute<{ id: string; status: string; payment_id: string | null }>(sql`
    with c as (
      select id, status from reservations
      where reservable_id = ${id} and status in ('pending', 'confirmed', 'paid') for update)
    update reservations t set status = 'cancelled', cancelled_at = now(), cancelled_by = ${who},
      cancel_reason = ${input.reason}, updated_at = now()
    from c where t.id = c.id
    returning t.id, c.status, t.payment_id`);
  let refunded = 0;
  let refunds = 0;
  for (const row of cancelled) {
    if (row.status === "paid" && row.payment_id) {
      const amount = await refundReservationPayment(tx, { paymentId: row.payment_id, reservationId: row.id, reason: input.reason, actorUserId: who });
      refunded += amount;
      if (amount > 0) refunds++;
    }
  }
  await tx.execute(sql`
    update waitlist_entries set status = 'closed', updated_at = now()
    where reservable_id = ${id} and status in ('waiting', 'offered')`);
  await notifyChanged(tx, id);
  return { id, status: "cancelled" as const, cancelledReservations: cancelled.length, refunds, refundedAmount: refunded };
}
