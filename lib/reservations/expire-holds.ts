import { sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { addTaken, type LockedReservable } from "./locked";

/** A payment of the reservation row in scope (`reservations`) whose outcome is not recorded yet. */
export const PAYMENT_IN_FLIGHT = sql`
  select 1 from payments p
  where p.purpose = 'reservation' and p.ref_id = reservations.id and p.status in ('pending', 'authorized')`;

/**
 * Releases the confirmed-but-unpaid reservations of a locked reservable whose hold has run out:
 * status `expired`, capacity back. A waitlist offer that was not claimed is released the same way, and
 * its place in line is given up (`left`). Returns how many were released.
 *
 * Paying locks the reservation row, re-checks the hold and records its payment intent; this UPDATE
 * (which waits on that row) then sees `paid`, or a payment in flight, and leaves it alone: a customer
 * whose card is being charged keeps the reservation (the sweep settles a payment left open).
 */
export async function releaseExpiredHolds(tx: Tx, r: LockedReservable): Promise<number> {
  const rows = await tx.execute<{ quantity: number; waitlist_entry_id: string | null }>(sql`
    update reservations set status = 'expired', reason = 'hold_expired', updated_at = now()
    where reservable_id = ${r.id} and status = 'confirmed' and hold_expires_at <= now()
      and not exists (${PAYMENT_IN_FLIGHT})
    returning quantity, waitlist_entry_id`);
  if (rows.length === 0) return 0;
  await addTaken(tx, r, -rows.reduce((n, x) => n + x.quantity, 0));
  const entries = rows.map((x) => x.waitlist_entry_id).filter((x): x is string => x !== null);
  if (entries.length > 0) {
    await tx.execute(sql`
      update waitlist_entries set status = 'left', updated_at = now()
      where id = any(${sql.param(entries)}::uuid[]) and status = 'offered'`);
  }
  return rows.length;
}
