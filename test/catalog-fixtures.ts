import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";

/**
 * Everything a product write could touch (products, their history, options and variants), as one row
 * to compare: a refused call must leave it equal.
 */
export async function catalogState(db: Db) {
  const [row] = await db.execute(sql`select
    (select count(*)::int from products) as products,
    (select count(*)::int from product_status_events) as events,
    (select count(*)::int from option_groups) as groups,
    (select count(*)::int from option_values) as "values",
    (select count(*)::int from variants) as variants,
    (select string_agg(id::text || status::text || name_ko || updated_at::text, ',' order by id) from products) as products_state,
    (select string_agg(id::text || sku || coalesce(price, 0)::text || active::text, ',' order by id) from variants) as variants_state`);
  return row;
}
