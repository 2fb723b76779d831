import type { Tx } from "@/db/client";
import { prepared } from "@/db/raw";
import { stockLevels, type movementKind } from "@/db/schema";
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

/** A move builder for one ledger convention: its deltas per unit of quantity. */
const moveOf =
  (onHandPerUnit: number, reservedPerUnit: number) =>
  (k: StockKey, q: number, kind: MovementKind, refType: string, refId: string): StockMove => ({
    ...k,
    kind,
    onHandDelta: onHandPerUnit * q,
    reservedDelta: reservedPerUnit * q,
    refType,
    refId,
  });

export const reserveMove = moveOf(0, 1);
export const releaseMove = moveOf(0, -1);
export const shipMove = moveOf(-1, -1);

/** Thrown when a move would make a level negative or reserve more than is on hand; nothing is applied. */
export class InsufficientStock extends Conflict {
  constructor(
    readonly short: { locationId: string; variantId: string; available: number; requested: number }[],
  ) {
    super("stock.insufficient", "Not enough stock.", { short });
  }
}

/**
 * The stock statement: lock every row (`FOR UPDATE`, sorted by location then variant, so two callers never
 * deadlock), update the rows whose guard holds, write one ledger row per applied move, and raise
 * `hub_stock_insufficient` (SQLSTATE HS409, the short rows as JSON in DETAIL) when any move does not fit.
 * Parameters: eight parallel arrays (one element per move) and the acting user.
 */
export const STOCK_MOVES_SQL = `
  with input as (
    select * from unnest($1::uuid[], $2::uuid[], $3::int[], $4::int[], $5::movement_kind[], $6::text[], $7::text[], $8::text[])
      as i(location_id, variant_id, d_on_hand, d_reserved, kind, ref_type, ref_id, note)
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
    returning s.location_id, s.variant_id
  ),
  ledger as (
    insert into stock_movements (location_id, variant_id, kind, on_hand_delta, reserved_delta, ref_type, ref_id, actor_user_id, note)
    select i.location_id, i.variant_id, i.kind, i.d_on_hand, i.d_reserved, i.ref_type, i.ref_id, $9::uuid, i.note
    from upd u join input i on i.location_id = u.location_id and i.variant_id = u.variant_id
  ),
  result as (
    select i.location_id, i.variant_id, i.d_on_hand, i.d_reserved, u.location_id is not null as applied,
      coalesce(l.on_hand - l.reserved, 0) as available
    from input i
    left join upd u on u.location_id = i.location_id and u.variant_id = i.variant_id
    left join locked l on l.location_id = i.location_id and l.variant_id = i.variant_id
  )
  select case when bool_and(applied) then count(*)
    else hub_stock_insufficient(json_agg(json_build_object(
      'locationId', location_id, 'variantId', variant_id, 'available', available,
      'requested', greatest(d_reserved, -d_on_hand))) filter (where not applied))
    end as applied
  from result`;

/**
 * The same for exactly one move (most orders have one line): one row needs no lock order, so a plain
 * guarded UPDATE takes the lock; less work while the row is held. Parameters: the move's fields, the user.
 */
export const STOCK_MOVE_ONE_SQL = `
  with upd as (
    update stock_levels s
    set on_hand = s.on_hand + $3::int, reserved = s.reserved + $4::int, updated_at = now()
    where s.location_id = $1::uuid and s.variant_id = $2::uuid
      and s.on_hand + $3::int >= 0 and s.reserved + $4::int >= 0 and s.on_hand + $3::int >= s.reserved + $4::int
    returning s.location_id
  ),
  ledger as (
    insert into stock_movements (location_id, variant_id, kind, on_hand_delta, reserved_delta, ref_type, ref_id, actor_user_id, note)
    select $1::uuid, $2::uuid, $5::movement_kind, $3::int, $4::int, $6::text, $7::text, $9::uuid, $8::text from upd
  )
  select case when exists (select 1 from upd) then 1
    else hub_stock_insufficient(json_build_array(json_build_object(
      'locationId', $1::uuid, 'variantId', $2::uuid,
      'available', coalesce((select on_hand - reserved from stock_levels where location_id = $1::uuid and variant_id = $2::uuid), 0),
      'requested', greatest($4::int, -$3::int))))
    end as applied`;

/** The statement and parameters for these moves: the one-row form when there is one. */
export function stockMovesStatement(
  moves: StockMove[],
  actorUserId: string | null,
): { text: string; params: unknown[] } {
  if (moves.length === 1) {
    const m = moves[0]!;
    return {
      text: STOCK_MOVE_ONE_SQL,
      params: [
        m.locationId,
        m.variantId,
        m.onHandDelta,
        m.reservedDelta,
        m.kind,
        m.refType,
        m.refId,
        m.note ?? null,
        actorUserId,
      ],
    };
  }
  return { text: STOCK_MOVES_SQL, params: stockMovesParams(moves, actorUserId) };
}

export function stockMovesParams(moves: StockMove[], actorUserId: string | null): unknown[] {
  const seen = new Set<string>();
  for (const m of moves) {
    const key = stockKeyOf(m);
    if (seen.has(key)) throw new Error(`applyStockMoves: ${key} appears twice; merge the moves first`);
    seen.add(key);
  }
  return [
    moves.map((m) => m.locationId),
    moves.map((m) => m.variantId),
    moves.map((m) => m.onHandDelta),
    moves.map((m) => m.reservedDelta),
    moves.map((m) => m.kind),
    moves.map((m) => m.refType),
    moves.map((m) => m.refId),
    moves.map((m) => m.note ?? null),
    actorUserId,
  ];
}

/** The stock statement's "does not fit" error as an InsufficientStock, or null for any other error. */
export function insufficientStockOf(error: unknown): InsufficientStock | null {
  const e = error as { code?: string; detail?: string } | null;
  if (e?.code !== "HS409" || !e.detail) return null;
  return new InsufficientStock(JSON.parse(e.detail) as InsufficientStock["short"]);
}

/**
 * Applies the moves in ONE statement (STOCK_MOVES_SQL). When any move does not fit, throws
 * InsufficientStock and the transaction is aborted: nothing is half-applied, and the caller's
 * transaction rolls back as the error propagates. Each key may appear once per call.
 *
 * This statement holds the row locks, so callers issue it last, right before COMMIT.
 */
export async function applyStockMoves(tx: Tx, moves: StockMove[], actorUserId: string | null): Promise<void> {
  if (moves.length === 0) return;
  const { text, params } = stockMovesStatement(moves, actorUserId);
  try {
    await prepared(tx, text, params);
  } catch (e) {
    throw insufficientStockOf(e) ?? e;
  }
}

/**
 * Makes sure a level row exists for each key (a first delivery of a variant to a location), inserting
 * in the global lock order so two callers creating the same rows cannot deadlock on the inserts.
 */
export async function ensureLevels(tx: Tx, keys: StockKey[]): Promise<void> {
  if (keys.length === 0) return;
  const sorted = [...new Map(keys.map((k) => [stockKeyOf(k), k])).values()].sort(compareStockKeys);
  await tx
    .insert(stockLevels)
    .values(sorted.map((k) => ({ locationId: k.locationId, variantId: k.variantId, onHand: 0, reserved: 0 })))
    .onConflictDoNothing();
}
