/**
 * The sequential-scan baseline of a search: the same condition as the shop's (lib/catalog/queries.ts
 * `searchCondition`, every word's grams and ILIKE) over products alone, its capped count and its page
 * sorted in the listing's order, then the same summaries. Run on sessions that may not use an index,
 * it is what a search costs with nothing but a scan of the catalog; the postings' walk, whose plan only
 * exists with its index, cannot serve as its own baseline.
 */
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { products } from "@/db/schema";
import { COUNT_CAP, onSaleSummaries, searchCondition } from "@/lib/catalog/queries";
import { PAGE_SIZE, ProductListQuery } from "@/lib/catalog/schemas";

export async function scanListProducts(db: Db, raw: unknown) {
  const input = ProductListQuery.parse(raw);
  const where = and(
    eq(products.status, "on_sale"),
    input.type ? eq(products.type, input.type) : undefined,
    input.category ? eq(products.category, input.category) : undefined,
    input.seller ? eq(products.sellerId, input.seller) : undefined,
    searchCondition(input.q),
  );
  const offset = (input.page - 1) * PAGE_SIZE;
  const rows = await db.execute<{ n: number; id: string | null }>(sql`
    with matched as materialized (
      select ${products.id} as id, ${products.category} as category, ${products.priceMax} as price_max
      from ${products} where ${where}
    )
    select c.n, m.id
    from (select count(*)::int as n from (select 1 from matched limit ${sql.raw(String(COUNT_CAP + 1))}) x) c
    left join lateral (
      select id from matched order by category, price_max desc nulls last, id
      limit ${sql.raw(String(PAGE_SIZE))} offset ${offset}::int
    ) m on true`);
  const all = [...rows];
  const n = all[0]?.n ?? 0;
  const items = await onSaleSummaries(db, all.flatMap((r) => (r.id ? [r.id] : [])));
  return { items, total: Math.min(n, COUNT_CAP), totalCapped: n > COUNT_CAP, page: input.page, pageSize: PAGE_SIZE };
}
