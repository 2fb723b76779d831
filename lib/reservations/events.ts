import { sql } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";

/**
 * LISTEN/NOTIFY channels of the reservation domain. A NOTIFY is delivered only if and when its
 * transaction commits, so a listener never hears of a row it cannot yet read.
 */
export const REQUESTS_CHANNEL = "reservation_requests"; // payload: a reservable id with new pending requests
export const CHANGES_CHANNEL = "reservation_changes"; // payload: a reservable id whose reservations changed

export async function notifyChanged(tx: Tx, reservableIds: string | string[]) {
  const ids = Array.isArray(reservableIds) ? reservableIds : [reservableIds];
  if (ids.length === 0) return;
  await tx.execute(
    sql`select pg_notify(${CHANGES_CHANNEL}, id::text) from unnest(${sql.param(ids)}::uuid[]) as id`,
  );
}

/**
 * Wakes the workers about new requests, AFTER the request's transaction committed, coalesced over a
 * few milliseconds per process. Not inside the request transaction: a transaction that has NOTIFYed
 * holds PostgreSQL's global notify lock from pre-commit until its commit record is flushed, so every
 * such commit waits for the previous one's fsync (about 200 commits/s here) and group commit cannot
 * batch them. A notification sent on its own writes no WAL and holds that lock for microseconds. If
 * the process dies between the commit and this, the worker's one-second sweep finds the request.
 */
const waiting = new Map<Db, { ids: Set<string>; timer: NodeJS.Timeout | null }>();
const COALESCE_MS = 3;

export function wakeWorkers(db: Db, reservableId: string) {
  let w = waiting.get(db);
  if (!w) waiting.set(db, (w = { ids: new Set(), timer: null }));
  w.ids.add(reservableId);
  w.timer ??= setTimeout(() => {
    const ids = [...w.ids];
    w.ids.clear();
    w.timer = null;
    db.execute(
      sql`select pg_notify(${REQUESTS_CHANNEL}, id::text) from unnest(${sql.param(ids)}::uuid[]) as id`,
    ).catch((e) => console.warn("[reservations] could not wake the workers (the sweep will):", String(e)));
  }, COALESCE_MS);
}
