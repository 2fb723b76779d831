import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { ledgerDrift } from "@/lib/inventory/queries";

/** The writes a storm was told succeeded (the API's 201/202): their ids. */
export type Acknowledged = { orders: string[]; reservations: string[] };

/** One invariant: what it says, the figures it was checked over, and each violation found (none: it holds). */
export type InvariantCheck = { name: string; figures: string; violations: string[] };

/**
 * What must hold of the shop's data whatever it went through (a SIGKILL mid-storm, a storm spread over
 * several instances): one sentence per violation, none when all hold. Framework-free, so vitest and
 * Playwright tests alike `expect(await invariantViolations(db, ack)).toEqual([])`.
 *
 * - every acknowledged order and reservation exists;
 * - no stock movement for a seller order that does not exist;
 * - no level negative, none reserving more than it holds;
 * - what each level reserves is exactly what the open seller orders and the approved transfers out of it
 *   hold (nothing allocated twice);
 * - every level equals its ledger;
 * - no launch confirmed past its capacity, and its `taken` counts each decision once.
 */
export async function invariantViolations(db: Db, ack: Acknowledged): Promise<string[]> {
  return (await invariantChecks(db, ack)).flatMap((c) => c.violations);
}

const n = (x: number) => x.toLocaleString("en-US");

/** The invariants of invariantViolations one by one, each with the figures it was checked over (bench/soak prints them). */
export async function invariantChecks(db: Db, ack: Acknowledged): Promise<InvariantCheck[]> {
  const out: InvariantCheck[] = [];
  const [size] = await db.execute<{
    levels: number;
    reserved: number;
    movements: number;
    order_movements: number;
    open_parts: number;
    approved: number;
    reservables: number;
    taken: number;
  }>(sql`
    select (select count(*)::int from stock_levels) as levels,
      (select coalesce(sum(reserved), 0)::int from stock_levels) as reserved,
      (select count(*)::int from stock_movements) as movements,
      (select count(*)::int from stock_movements where ref_type = 'seller_order') as order_movements,
      (select count(*)::int from seller_orders where status not in ('cancelled', 'shipped', 'delivered')) as open_parts,
      (select count(*)::int from transfers where status = 'approved') as approved,
      (select count(*)::int from reservables) as reservables,
      (select coalesce(sum(taken), 0)::int from reservables) as taken`);
  const missing = async (table: "orders" | "reservations", ids: string[]) => {
    if (ids.length === 0) return [];
    const rows = await db.execute<{ id: string }>(sql`
      select id from unnest(${sql.param(ids)}::uuid[]) as a(id)
      where not exists (select 1 from ${sql.identifier(table)} t where t.id = a.id)`);
    return rows.map((r) => r.id);
  };
  for (const table of ["orders", "reservations"] as const) {
    const gone = await missing(table, ack[table]);
    out.push({
      name: `every acknowledged ${table === "orders" ? "order (201)" : "reservation (202)"} exists`,
      figures: `${n(ack[table].length)} acknowledged, ${n(gone.length)} missing`,
      violations: gone.length ? [`${gone.length} of ${ack[table].length} acknowledged ${table} do not exist: ${gone.slice(0, 5).join(", ")}`] : [],
    });
  }
  const [orphans] = await db.execute<{ n: number }>(sql`
    select count(*)::int as n from stock_movements m
    where m.ref_type = 'seller_order' and not exists (select 1 from seller_orders so where so.id::text = m.ref_id::text)`);
  out.push({
    name: "no stock movement for a seller order that does not exist",
    figures: `${n(size!.order_movements)} movements of seller orders, ${n(orphans!.n)} orphaned`,
    violations: orphans!.n ? [`${orphans!.n} stock movements name a seller order that does not exist`] : [],
  });
  const negative = await db.execute<{ location_id: string; variant_id: string; on_hand: number; reserved: number }>(sql`
    select location_id, variant_id, on_hand, reserved from stock_levels
    where on_hand < 0 or reserved < 0 or reserved > on_hand`);
  out.push({
    name: "nothing negative: no level below zero or reserving more than it holds",
    figures: `${n(size!.levels)} levels, ${n(negative.length)} wrong`,
    violations: negative.map((l) => `level ${l.location_id}/${l.variant_id}: on hand ${l.on_hand}, reserved ${l.reserved}`),
  });
  const mismatched = await db.execute<{ location_id: string; variant_id: string; reserved: number; held: number }>(sql`
    select s.location_id, s.variant_id, s.reserved, coalesce(o.held, 0) as held
    from stock_levels s
    left join (
      select location_id, variant_id, sum(quantity)::int as held from (
        select so.source_location_id as location_id, oi.variant_id, oi.quantity
        from order_items oi join seller_orders so on so.id = oi.seller_order_id
        where so.status not in ('cancelled', 'shipped', 'delivered')
        union all
        -- an approved transfer holds its lines at the source until it ships (transfer_reserve)
        select t.from_location_id, ti.variant_id, ti.quantity
        from transfer_items ti join transfers t on t.id = ti.transfer_id
        where t.status = 'approved'
      ) h group by 1, 2
    ) o on o.location_id = s.location_id and o.variant_id = s.variant_id
    where s.reserved <> coalesce(o.held, 0)`);
  out.push({
    name: "reserved stock = what open orders and approved transfers hold (nothing allocated twice)",
    figures: `${n(size!.reserved)} units reserved by ${n(size!.open_parts)} open seller orders and ${n(size!.approved)} approved transfers; ${n(mismatched.length)} levels differ`,
    violations: mismatched.map(
      (m) => `level ${m.location_id}/${m.variant_id} reserves ${m.reserved}, its open orders and approved transfers hold ${m.held}`,
    ),
  });
  const drift = await ledgerDrift(db);
  out.push({
    name: "every level = its ledger",
    figures: `${n(size!.levels)} levels against ${n(size!.movements)} ledger rows; ${n(drift.length)} drift`,
    violations: drift.map(
      (d) => `level ${d.locationId}/${d.variantId} is ${d.onHand}/${d.reserved}, its ledger ${d.ledgerOnHand}/${d.ledgerReserved}`,
    ),
  });
  const launches = await db.execute<{ id: string; taken: number; capacity: number; decided: number }>(sql`
    select r.id, r.taken, r.capacity,
      coalesce((select sum(x.quantity)::int from reservations x
        where x.reservable_id = r.id and x.status in ('confirmed', 'paid')), 0) as decided
    from reservables r`);
  const launchViolations: string[] = [];
  for (const l of launches) {
    if (l.taken !== l.decided) launchViolations.push(`launch ${l.id}: taken ${l.taken}, confirmed or paid ${l.decided}`);
    if (l.taken > l.capacity) launchViolations.push(`launch ${l.id}: taken ${l.taken} over its capacity ${l.capacity}`);
  }
  out.push({
    name: "no launch past its capacity; taken = confirmed + paid",
    figures: `${n(size!.reservables)} reservables, ${n(size!.taken)} taken`,
    violations: launchViolations,
  });
  return out;
}
