import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { ledgerDrift } from "@/lib/inventory/queries";

/** The writes a storm was told succeeded (the API's 201/202): their ids. */
export type Acknowledged = { orders: string[]; reservations: string[] };

/**
 * What must hold of the shop's data whatever it went through (a SIGKILL mid-storm, a storm spread over
 * several instances): one sentence per violation, none when all hold. Framework-free, so vitest and
 * Playwright tests alike `expect(await invariantViolations(db, ack)).toEqual([])`.
 *
 * - every acknowledged order and reservation exists;
 * - no stock movement for a seller order that does not exist;
 * - no level negative, none reserving more than it holds;
 * - what each level reserves is exactly what the open seller orders there hold (nothing allocated twice);
 * - every level equals its ledger;
 * - no launch confirmed past its capacity, and its `taken` counts each decision once.
 */
export async function invariantViolations(db: Db, ack: Acknowledged): Promise<string[]> {
  const out: string[] = [];
  const missing = async (table: "orders" | "reservations", ids: string[]) => {
    if (ids.length === 0) return [];
    const rows = await db.execute<{ id: string }>(sql`
      select id from unnest(${sql.param(ids)}::uuid[]) as a(id)
      where not exists (select 1 from ${sql.identifier(table)} t where t.id = a.id)`);
    return rows.map((r) => r.id);
  };
  for (const table of ["orders", "reservations"] as const) {
    const gone = await missing(table, ack[table]);
    if (gone.length) out.push(`${gone.length} of ${ack[table].length} acknowledged ${table} do not exist: ${gone.slice(0, 5).join(", ")}`);
  }
  const [orphans] = await db.execute<{ n: number }>(sql`
    select count(*)::int as n from stock_movements m
    where m.ref_type = 'seller_order' and not exists (select 1 from seller_orders so where so.id::text = m.ref_id::text)`);
  if (orphans!.n) out.push(`${orphans!.n} stock movements name a seller order that does not exist`);
  const negative = await db.execute<{ location_id: string; variant_id: string; on_hand: number; reserved: number }>(sql`
    select location_id, variant_id, on_hand, reserved from stock_levels
    where on_hand < 0 or reserved < 0 or reserved > on_hand`);
  for (const l of negative) out.push(`level ${l.location_id}/${l.variant_id}: on hand ${l.on_hand}, reserved ${l.reserved}`);
  const mismatched = await db.execute<{ location_id: string; variant_id: string; reserved: number; held: number }>(sql`
    select s.location_id, s.variant_id, s.reserved, coalesce(o.held, 0) as held
    from stock_levels s
    left join (
      select so.source_location_id as location_id, oi.variant_id, sum(oi.quantity)::int as held
      from order_items oi join seller_orders so on so.id = oi.seller_order_id
      where so.status not in ('cancelled', 'shipped', 'delivered')
      group by 1, 2
    ) o on o.location_id = s.location_id and o.variant_id = s.variant_id
    where s.reserved <> coalesce(o.held, 0)`);
  for (const m of mismatched)
    out.push(`level ${m.location_id}/${m.variant_id} reserves ${m.reserved}, its open orders hold ${m.held}`);
  for (const d of await ledgerDrift(db))
    out.push(`level ${d.locationId}/${d.variantId} is ${d.onHand}/${d.reserved}, its ledger ${d.ledgerOnHand}/${d.ledgerReserved}`);
  const launches = await db.execute<{ id: string; taken: number; capacity: number; decided: number }>(sql`
    select r.id, r.taken, r.capacity,
      coalesce((select sum(x.quantity)::int from reservations x
        where x.reservable_id = r.id and x.status in ('confirmed', 'paid')), 0) as decided
    from reservables r`);
  for (const l of launches) {
    if (l.taken !== l.decided) out.push(`launch ${l.id}: taken ${l.taken}, confirmed or paid ${l.decided}`);
    if (l.taken > l.capacity) out.push(`launch ${l.id}: taken ${l.taken} over its capacity ${l.capacity}`);
  }
  return out;
}
