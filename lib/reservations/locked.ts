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
 * `SELECT … FOR UPDATE` of one reservable. With `skipLocked`, a row another worker holds is skipped
 * (null): that worker is deciding it, and we go on to another reservable instead of waiting.
 */
export async function lockReservable(tx: Tx, id: string, opts: { skipLocked?: boolean } = {}): Promise<LockedReservable | null> {
  const rows = await tx.execute<Row>(sql`
    select id, capacity, taken, per_customer_limit, hold_minutes, status, starts_at, now() as now
    from reservables where id = ${id}
    for update ${opts.skipLocked ? sql`skip locked` : sql``}`);
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

export function isClosed(r: LockedReservable): boolean {
  return r.status === "cancelled" || (r.startsAt !== null && r.startsAt <= r.now);
}

export async function addTaken(tx: Tx, r: LockedReservable, delta: number) {
  if (delta === 0) return;
  await tx.execute(sql`update reservables set taken = taken + ${delta} where id = ${r.id}`);
  r.taken += delta;
}
