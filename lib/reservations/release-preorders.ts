import { sql } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import type { ShippingAddress } from "@/db/schema";
import { applyStockMoves, InsufficientStock, reserveMove } from "@/lib/inventory/stock";
import { uuidv7 } from "@/lib/ids";

/**
 * Paid pre-orders become orders on their release date (the reservable's `starts_at`, the launch).
 *
 * Each paid reservation of a pre-order that has a source location (`reservables.location_id`) becomes
 * exactly ONE order of its customer, in one transaction:
 *   - the order, one seller order (the product's seller, shipping from the reservable's location: in the
 *     fulfilment queue of that location's operator — a hub's dealer, marketing for centers and org hubs,
 *     a seller for its warehouse), its item at the price paid, and the first timeline event (by the
 *     system, "pre-order released");
 *   - the payment already captured for the reservation becomes the order's payment (purpose `order`, the
 *     order's id): cancelling the order refunds it like any order, once;
 *   - LAST, the quantity is reserved at the location (one `order_reserve` ledger row, as for any order):
 *     the pre-order's capacity is an allocation of launch stock, not stock, so this is the one and only
 *     time the stock is counted for it. When the launch stock has not arrived yet (short), nothing of it is
 *     written and the pre-order stays paid; the next run tries again.
 *
 * Exactly once, with any number of workers at once: a run locks the reservable `FOR KEY SHARE` (a staff
 * call-off, which takes it FOR UPDATE, waits for the conversion, then finds the reservation ordered and
 * leaves it alone; the reservation worker's NO KEY UPDATE is not blocked), then the reservation
 * `FOR UPDATE SKIP LOCKED` (another worker converting it: skipped), re-reads in a fresh statement that no
 * order exists for it, and `orders.reservation_id` is UNIQUE as the last word.
 */

export type ReleaseResult = {
  /** The orders made, as [reservation id, order id]. */
  converted: [string, string][];
  /** Pre-orders whose launch stock is short at their location: left paid, tried again next run. */
  waitingForStock: number;
};

type Candidate = { id: string; reservable_id: string };

/** Paid pre-orders due now without an order yet, oldest first (a partial scan of paid reservations). */
const DUE_SQL = (skip: string[], limit: number) => sql`
  select r.id, r.reservable_id from reservations r
  join reservables rb on rb.id = r.reservable_id
  where r.status = 'paid' and rb.kind = 'preorder' and rb.status = 'open' and rb.location_id is not null
    and rb.starts_at <= now() and r.payment_id is not null
    and not exists (select 1 from orders o where o.reservation_id = r.id)
    and r.id <> all(${sql.param(skip)}::uuid[])
  order by r.seq
  limit ${limit}`;

type Locked = {
  id: string;
  customer_id: string;
  quantity: number;
  payment_id: string;
  amount: number;
  location_id: string;
  variant_id: string;
  seller_id: string;
  sku: string;
  name_ko: string;
  name_en: string;
  customer_name: string;
  loc_name: string;
  loc_address: string;
  loc_region: string;
};

/** Converts one due pre-order under its locks; null when another worker has it or it is done already. */
async function convertOne(tx: Tx, c: Candidate, now: Date): Promise<string | null> {
  const [rb] = await tx.execute<{ status: string }>(sql`
    select status from reservables where id = ${c.reservable_id} for key share`);
  if (!rb || rb.status !== "open") return null;
  const [row] = await tx.execute<Locked>(sql`
    select r.id, r.customer_id, r.quantity, r.payment_id, p.amount, rb.location_id, rb.variant_id,
      pr.seller_id, v.sku, pr.name_ko, pr.name_en, u.name as customer_name,
      l.name as loc_name, l.address as loc_address, l.region as loc_region
    from reservations r
    join reservables rb on rb.id = r.reservable_id
    join payments p on p.id = r.payment_id
    join variants v on v.id = rb.variant_id
    join products pr on pr.id = rb.product_id
    join users u on u.id = r.customer_id
    join locations l on l.id = rb.location_id
    where r.id = ${c.id} and r.status = 'paid' and p.status = 'captured'
    for update of r skip locked`);
  if (!row) return null;
  // A fresh statement (a new snapshot): an order committed by another worker since the scan is seen here.
  const [done] = await tx.execute(sql`select 1 from orders where reservation_id = ${row.id}`);
  if (done) return null;

  const orderId = uuidv7();
  const partId = uuidv7();
  const price = Math.round(row.amount / row.quantity);
  const address = await shippingAddressFor(tx, row);
  await tx.execute(sql`
    with new_order as (
      insert into orders (id, customer_id, status, total, shipping_fee, shipping_address, source_location_id,
        reservation_id, created_at, updated_at)
      values (${orderId}, ${row.customer_id}, 'confirmed', ${row.amount}, 0, ${JSON.stringify(address)}::jsonb,
        ${row.location_id}, ${row.id}, ${now.toISOString()}::timestamptz, ${now.toISOString()}::timestamptz)
    ),
    part as (
      insert into seller_orders (id, order_id, seller_id, source_location_id, status, subtotal, created_at, updated_at)
      values (${partId}, ${orderId}, ${row.seller_id}, ${row.location_id}, 'confirmed', ${row.amount},
        ${now.toISOString()}::timestamptz, ${now.toISOString()}::timestamptz)
    ),
    item as (
      insert into order_items (id, order_id, seller_order_id, variant_id, sku, product_name, product_name_en, quantity, price)
      values (${uuidv7()}, ${orderId}, ${partId}, ${row.variant_id}, ${row.sku}, ${row.name_ko}, ${row.name_en},
        ${row.quantity}, ${price})
    ),
    event as (
      insert into seller_order_events (id, seller_order_id, from_status, to_status, actor_user_id, reason, created_at)
      values (${uuidv7()}, ${partId}, null, 'confirmed', null, 'pre-order released', ${now.toISOString()}::timestamptz)
    )
    update payments set purpose = 'order', ref_id = ${orderId}, updated_at = now()
    where id = ${row.payment_id}`);
  await tx.execute(sql`update reservations set updated_at = now() where id = ${row.id}`);
  // Last: the stock row stays locked only until COMMIT.
  await applyStockMoves(
    tx,
    [
      reserveMove(
        { locationId: row.location_id, variantId: row.variant_id },
        row.quantity,
        "order_reserve",
        "seller_order",
        partId,
      ),
    ],
    null,
  );
  return orderId;
}

/**
 * Where the order goes: the address of the customer's latest order; a customer who never ordered
 * collects it at the source location (its address, marked for pickup).
 */
async function shippingAddressFor(tx: Tx, row: Locked): Promise<ShippingAddress> {
  const [last] = await tx.execute<{ shipping_address: ShippingAddress }>(sql`
    select shipping_address from orders where customer_id = ${row.customer_id} and reservation_id is null
    order by created_at desc limit 1`);
  if (last) return last.shipping_address;
  return {
    name: row.customer_name,
    phone: "-",
    line1: row.loc_address,
    line2: `${row.loc_name} (pickup)`,
    postalCode: "-",
    region: row.loc_region,
  };
}

/**
 * One run of the job: converts every due paid pre-order, each in its own short transaction, and
 * returns what it did. Safe to run from several workers at the same time.
 */
export async function releasePaidPreorders(
  db: Db,
  opts: { batch?: number; now?: Date } = {},
): Promise<ReleaseResult> {
  const result: ReleaseResult = { converted: [], waitingForStock: 0 };
  const skip: string[] = [];
  const batch = opts.batch ?? 100;
  for (;;) {
    const due = await db.execute<Candidate>(DUE_SQL(skip, batch));
    if (due.length === 0) return result;
    for (const c of due) {
      skip.push(c.id); // tried once per run, whatever the outcome
      try {
        const orderId = await db.transaction((tx) => convertOne(tx, c, opts.now ?? new Date()));
        if (orderId) result.converted.push([c.id, orderId]);
      } catch (e) {
        if (e instanceof InsufficientStock) result.waitingForStock++;
        else if ((e as { code?: string }).code === "23505")
          continue; // another worker's order: done
        else throw e;
      }
    }
  }
}
