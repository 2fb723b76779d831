import { sql } from "drizzle-orm";
import type { Tx } from "@/db/client";

/** A reservable row as read under its lock, with the database clock of that transaction. */
export type LockedReservable = {
  id: string;
  capacity: number;
  taken: number;
  perCustomerLimit: number | null;
  holdMinutes: number;
  status: "open" | "cancelled";
  startsAt: Date | null;
  now: Date;
};

type Row = {
  id: string;
  capacity: number;
  taken: number;
  per_customer_limit: number | null;
  hold_minutes: number;
  status: "open" | "cancelled";
  starts_at: string | Date | null;
  now: string | Date;
};

/**
 * `SELECT … FOR NO KEY UPDATE` of one reservable. With `skipLocked`, a row another worker holds is
 * skipped (null): that worker is deciding it, and we go on to another reservable instead of waiting.
 *
 * NO KEY UPDATE, not UPDATE: the holder changes `taken` and `status`, never the key, and the lock
 * still excludes every other holder. What it does not exclude is the FOR KEY SHARE lock that the
 * foreign key check of each arriving request (an INSERT into reservations) takes on this row: with
 * FOR UPDATE, a worker found the hot row "locked" whenever a request was being inserted, which on
 * launch day is always, and skipped it until the storm ended.
 */
export async function lockReservable(
  tx: Tx,
  id: string,
  opts: { skipLocked?: boolean } = {},
): Promise<LockedReservable | null> {
  const rows = await tx.execute<Row>(sql`
    select id, capacity, taken, per_customer_limit, hold_minutes, status, starts_at, now() as now
    from reservables where id = ${id}
    for no key update ${opts.skipLocked ? sql`skip locked` : sql``}`);
  const r = rows[0];
  if (!r) return null;
  return {
    id: r.id,
    capacity: r.capacity,
    taken: r.taken,
    perCustomerLimit: r.per_customer_limit,
    holdMinutes: r.hold_minutes,
    status: r.status,
    startsAt: r.starts_at === null ? null : new Date(r.starts_at),
    now: new Date(r.now),
  };
}

/** What a settle has to do, read in the same statement that takes the lock. */
export type Work = { pending: boolean; dueHolds: boolean; waiting: boolean };

/**
 * The worker's lock: `FOR NO KEY UPDATE SKIP LOCKED` of the reservable (see lockReservable for why not
 * FOR UPDATE) and, in the same statement, whether it
 * has pending requests, holds that ran out or a waiting list, so a settle with nothing to do (another
 * worker got there first) costs one query, and a busy one skips the steps it does not need.
 */
export async function lockForSettle(tx: Tx, id: string): Promise<{ r: LockedReservable; work: Work } | null> {
  const rows = await tx.execute<Row & { has_pending: boolean; has_due: boolean; has_waiting: boolean }>(sql`
    select id, capacity, taken, per_customer_limit, hold_minutes, status, starts_at, now() as now,
      exists (select 1 from reservations x where x.reservable_id = r.id and x.status = 'pending') as has_pending,
      exists (select 1 from reservations x where x.reservable_id = r.id and x.status = 'confirmed' and x.hold_expires_at <= now()) as has_due,
      exists (select 1 from waitlist_entries w where w.reservable_id = r.id and w.status = 'waiting') as has_waiting
    from reservables r where id = ${id}
    for no key update of r skip locked`);
  const row = rows[0];
  if (!row) return null;
  return {
    r: {
      id: row.id,
      capacity: row.capacity,
      taken: row.taken,
      perCustomerLimit: row.per_customer_limit,
      holdMinutes: row.hold_minutes,
      status: row.status,
      startsAt: row.starts_at === null ? null : new Date(row.starts_at),
      now: new Date(row.now),
    },
    work: { pending: row.has_pending, dueHolds: row.has_due, waiting: row.has_waiting },
  };
}

export function isClosed(r: LockedReservable): boolean {
  return r.status === "cancelled" || (r.startsAt !== null && r.startsAt <= r.now);
}

export async function addTaken(tx: Tx, r: LockedReservable, delta: number) {
  if (delta === 0) return;
  await tx.execute(sql`update reservables set taken = taken + ${delta} where id = ${r.id}`);
  r.taken += delta;
}
