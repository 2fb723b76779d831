import { sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import type { movementKind } from "@/db/schema";
import { Conflict } from "@/lib/errors";

/**
 * The stock primitives every stock change goes through (orders now, transfers later): one statement
 * that locks the rows, checks, applies the deltas and writes the ledger.
 *
 * Ledger conventions (for every (location, variant): on_hand = Σ on_hand_delta, reserved = Σ reserved_delta):
 *   reserve  → reservedDelta +q            (order_reserve, transfer_reserve)
 *   release  → reservedDelta −q            (order_release, transfer_release)
 *   ship     → onHandDelta −q, reservedDelta −q   (order_ship, transfer_out)
 *   receive  → onHandDelta +q              (transfer_in)
 */

export type MovementKind = (typeof movementKind.enumValues)[number];
export type StockKey = { locationId: string; variantId: string };

export type StockMove = StockKey & {
  kind: MovementKind;
  onHandDelta: number;
  reservedDelta: number;
  /** What caused it (`seller_order`, `transfer`…) and that thing's id. */
  refType: string;
  refId: string;
  note?: string | null;
};

/** The one global lock order: location id, then variant id (as PostgreSQL compares uuids). */
export function compareStockKeys(a: StockKey, b: StockKey): number {
  if (a.locationId !== b.locationId) return a.locationId < b.locationId ? -1 : 1;
  if (a.variantId !== b.variantId) return a.variantId < b.variantId ? -1 : 1;
  return 0;
}

export function stockKeyOf(k: StockKey): string {
  return `${k.locationId}:${k.variantId}`;
}

export const reserveMove = (k: StockKey, q: number, kind: MovementKind, refType: string, refId: string): StockMove => ({
  ...k,
  kind,
  onHandDelta: 0,
  reservedDelta: q,
  refType,
  refId,
});
export const releaseMove = (k: StockKey, q: number, kind: MovementKind, refType: string, refId: string): StockMove => ({
  ...k,
  kind,
  onHandDelta: 0,
  reservedDelta: -q,
  refType,
  refId,
});
export const shipMove = (k: StockKey, q: number, kind: MovementKind, refType: string, refId: string): StockMove => ({
  ...k,
  kind,
  onHandDelta: -q,
  reservedDelta: -q,
  refType,
  refId,
});

/** Thrown when a move would make a level negative or reserve more than is on hand; nothing is applied. */
export class InsufficientStock extends Conflict {
  constructor(readonly short: { locationId: string; variantId: string; available: number; requested: number }[]) {
    super("stock.insufficient", "Not enough stock.", { short });
  }
}

type Row = {
  locationId: string;
  variantId: string;
  applied: boolean;
  onHand: number | null;
  reserved: number | null;
};

/**
 * Applies the moves in ONE statement: lock every row (`FOR UPDATE`, sorted by location then variant, so
 * two callers never deadlock), update the rows whose guard holds, write one ledger row per applied move.
 * When any move does not fit, throws InsufficientStock: the caller's transaction must then roll back
 * (the error propagating out of the transaction does that), so nothing is half-applied.
 *
 * Why one statement: this is what holds the hot row lock, so it is issued last in a transaction and the
 * lock lives only for this statement plus the COMMIT. Each key may appear once per call.
 */
export async function applyStockMoves(tx: Tx, moves: StockMove[], actorUserId: string | null): Promise<void> {
  if (moves.length === 0) return;
  const seen = new Set<string>();
  for (const m of moves) {
    const key = stockKeyOf(m);
    if (seen.has(key)) throw new Error(`applyStockMoves: ${key} appears twice; merge the moves first`);
    seen.add(key);
  }
  const col = <T>(f: (m: StockMove) => T) => sql.param(moves.map(f));
  const rows = (await tx.execute(sql`
    with input as (
      select * from unnest(
        ${col((m) => m.locationId)}::uuid[], ${col((m) => m.variantId)}::uuid[],
        ${col((m) => m.onHandDelta)}::int[], ${col((m) => m.reservedDelta)}::int[],
        ${col((m) => m.kind)}::movement_kind[], ${col((m) => m.refType)}::text[],
        ${col((m) => m.refId)}::text[], ${col((m) => m.note ?? null)}::text[]
      ) as i(location_id, variant_id, d_on_hand, d_reserved, kind, ref_type, ref_id, note)
    ),
    locked as (
      select s.location_id, s.variant_id, s.on_hand, s.reserved
      from stock_levels s
      where (s.location_id, s.variant_id) in (select location_id, variant_id from input)
      order by s.location_id, s.variant_id
      for update of s
    ),
    upd as (
      update stock_levels s
      set on_hand = s.on_hand + i.d_on_hand, reserved = s.reserved + i.d_reserved, updated_at = now()
      from locked l
      join input i on i.location_id = l.location_id and i.variant_id = l.variant_id
      where s.location_id = l.location_id and s.variant_id = l.variant_id
        and s.on_hand + i.d_on_hand >= 0
        and s.reserved + i.d_reserved >= 0
        and s.on_hand + i.d_on_hand >= s.reserved + i.d_reserved
      returning s.location_id, s.variant_id, s.on_hand, s.reserved
    ),
    ledger as (
      insert into stock_movements (location_id, variant_id, kind, on_hand_delta, reserved_delta, ref_type, ref_id, actor_user_id, note)
      select i.location_id, i.variant_id, i.kind, i.d_on_hand, i.d_reserved, i.ref_type, i.ref_id, ${actorUserId}::uuid, i.note
      from upd u join input i on i.location_id = u.location_id and i.variant_id = u.variant_id
    )
    select i.location_id as "locationId", i.variant_id as "variantId", u.location_id is not null as applied,
      coalesce(u.on_hand, l.on_hand) as "onHand", coalesce(u.reserved, l.reserved) as reserved
    from input i
    left join upd u on u.location_id = i.location_id and u.variant_id = i.variant_id
    left join locked l on l.location_id = i.location_id and l.variant_id = i.variant_id
  `)) as unknown as Row[];

  const failed = rows.filter((r) => !r.applied);
  if (failed.length > 0) {
    const byKey = new Map(moves.map((m) => [stockKeyOf(m), m]));
    throw new InsufficientStock(
      failed.map((r) => {
        const m = byKey.get(stockKeyOf(r))!;
        return {
          locationId: r.locationId,
          variantId: r.variantId,
          available: r.onHand === null ? 0 : r.onHand - (r.reserved ?? 0),
          requested: m.reservedDelta > 0 ? m.reservedDelta : -m.onHandDelta,
        };
      }),
    );
  }
}
