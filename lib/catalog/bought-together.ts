import { sql } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { Id } from "@/lib/validation";
import { onSaleSummaries } from "./queries";
import type { ProductSummary } from "./schemas";

/** How many products the row shows. */
export const BOUGHT_TOGETHER_LIMIT = 4;
/**
 * The most recent orders of each variant that are looked at: the row follows what customers buy now,
 * and a best-seller's product page reads a bounded number of orders, not its whole history. Order ids
 * are time-ordered (UUIDv7, lib/ids.ts), so the highest ids are the newest orders.
 */
export const RECENT_ORDERS_PER_VARIANT = 300;

export type BoughtTogetherRow = { productId: string; orders: number };

/**
 * Products most often in the same orders as this one (co-occurrence in order_items), most orders first,
 * then the most recently bought together: on-sale products only, never the product itself, and only
 * orders that went through (not cancelled, not unpaid).
 */
export async function boughtTogetherIds(db: Db | Tx, productId: string, limit = BOUGHT_TOGETHER_LIMIT): Promise<BoughtTogetherRow[]> {
  if (!Id.safeParse(productId).success) return [];
  const rows = await db.execute<{ product_id: string; orders: number }>(sql`
    with mine as (
      select distinct recent.order_id
      from variants v
      cross join lateral (
        select oi.order_id from order_items oi where oi.variant_id = v.id
        order by oi.order_id desc limit ${RECENT_ORDERS_PER_VARIANT}::int
      ) recent
      where v.product_id = ${productId}::uuid
    )
    select v.product_id, count(distinct o.id)::int as orders
    from mine
    join orders o on o.id = mine.order_id
    join order_items oi on oi.order_id = o.id
    join variants v on v.id = oi.variant_id
    join products p on p.id = v.product_id
    where o.status not in ('cancelled', 'payment_failed', 'pending_payment')
      and v.product_id <> ${productId}::uuid
      and p.status = 'on_sale'
    group by v.product_id
    order by orders desc, max(o.created_at) desc, v.product_id
    limit ${limit}::int`);
  return rows.map((r) => ({ productId: r.product_id, orders: r.orders }));
}

/** The "often bought together" row of a product page, as product cards; empty when nobody has yet. */
export async function boughtTogether(db: Db | Tx, productId: string, limit = BOUGHT_TOGETHER_LIMIT): Promise<ProductSummary[]> {
  const rows = await boughtTogetherIds(db, productId, limit);
  return onSaleSummaries(
    db,
    rows.map((r) => r.productId),
  );
}
