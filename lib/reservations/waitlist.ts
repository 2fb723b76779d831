import { sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { addTaken, isClosed, type LockedReservable } from "./locked";

/**
 * Offers what is free on a locked reservable to its waiting list, in line order: each offer is a
 * confirmed reservation with its own hold (released like any hold if unpaid). An entry that does not
 * fit waits for more room; one the per-customer limit forbids leaves the line. Returns the offers made.
 */
export async function offerToWaitlist(tx: Tx, r: LockedReservable): Promise<number> {
  if (isClosed(r)) return 0;
  let free = r.capacity - r.taken;
  if (free <= 0) return 0;
  const waiting = await tx.execute<{ id: string; customer_id: string; quantity: number; held: number }>(sql`
    select w.id, w.customer_id, w.quantity,
           coalesce((select sum(x.quantity) from reservations x
                     where x.reservable_id = w.reservable_id and x.customer_id = w.customer_id
                       and x.status in ('confirmed', 'paid')), 0)::int as held
    from waitlist_entries w
    where w.reservable_id = ${r.id} and w.status = 'waiting'
    order by w.seq
    limit 200`);
  let offered = 0;
  for (const w of waiting) {
    if (free <= 0) break;
    if (r.perCustomerLimit !== null && w.held + w.quantity > r.perCustomerLimit) {
      await tx.execute(
        sql`update waitlist_entries set status = 'left', updated_at = now() where id = ${w.id}`,
      );
      continue;
    }
    if (w.quantity > free) break; // keep the line's order: the next in line waits for more room
    await tx.execute(sql`
      insert into reservations (reservable_id, customer_id, quantity, status, reason, decided_at, hold_expires_at, waitlist_entry_id, created_at)
      values (${r.id}, ${w.customer_id}, ${w.quantity}, 'confirmed', 'waitlist_offer', now(),
              now() + make_interval(mins => ${r.holdMinutes}), ${w.id}, clock_timestamp())`);
    await tx.execute(
      sql`update waitlist_entries set status = 'offered', updated_at = now() where id = ${w.id}`,
    );
    free -= w.quantity;
    offered++;
  }
  await addTaken(tx, r, r.capacity - r.taken - free);
  return offered;
}

/** The line closes when the reservable starts or is called off. */
export async function closeWaitlistIfOver(tx: Tx, r: LockedReservable): Promise<number> {
  if (!isClosed(r)) return 0;
  const rows = await tx.execute(sql`
    update waitlist_entries set status = 'closed', updated_at = now()
    where reservable_id = ${r.id} and status = 'waiting'`);
  return rows.count;
}
