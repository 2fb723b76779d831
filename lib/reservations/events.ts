import { sql } from "drizzle-orm";
import type { Tx } from "@/db/client";

/**
 * LISTEN/NOTIFY channels of the reservation domain. NOTIFY is transactional: it is delivered only when
 * the transaction that sent it commits, so a listener never hears of a row it cannot yet read.
 */
export const REQUESTS_CHANNEL = "reservation_requests"; // payload: a reservable id with new pending requests
export const CHANGES_CHANNEL = "reservation_changes"; // payload: a reservable id whose reservations changed

export async function notifyRequested(tx: Tx, reservableId: string) {
  await tx.execute(sql`select pg_notify(${REQUESTS_CHANNEL}, ${reservableId})`);
}

export async function notifyChanged(tx: Tx, reservableIds: string | string[]) {
  const ids = Array.isArray(reservableIds) ? reservableIds : [reservableIds];
  if (ids.length === 0) return;
  await tx.execute(sql`select pg_notify(${CHANGES_CHANNEL}, id::text) from unnest(${sql.param(ids)}::uuid[]) as id`);
}
