/**
 * The shop's listing as main ran it before this change, for comparison in the same run: ILIKE on both
 * names (with pg_trgm's GIN indexes), an exact count, and the order by a correlated max(price) of the
 * sellable variants per row.
 */
import { and, asc, eq, ilike, or, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { products, variants } from "@/db/schema";
import { likePattern, onSaleSummaries, searchWords } from "@/lib/catalog/queries";
import { isSellable } from "@/lib/catalog/sellable";

export const TRIGRAM_INDEXES = [
  `create index if not exists products_name_ko_trgm on products using gin (name_ko gin_trgm_ops)`,
  `create index if not exists products_name_en_trgm on products using gin (name_en gin_trgm_ops)`,
];

export async function mainListProducts(db: Db, q: string) {
  const where = and(
    eq(products.status, "on_sale"),
    ...searchWords(q).map((w) => or(ilike(products.nameKo, likePattern(w)), ilike(products.nameEn, likePattern(w)))),
  );
  const maxPrice = sql`(select max(${variants.price}) from ${variants} where ${variants.productId} = ${products.id} and ${isSellable})`;
  const [[counted], rows] = await Promise.all([
    db.select({ n: sql<number>`count(*)::int` }).from(products).where(where),
    db
      .select({ id: products.id })
      .from(products)
      .where(where)
      .orderBy(asc(products.category), sql`${maxPrice} desc nulls last`, asc(products.id))
      .limit(20),
  ]);
  return { total: counted?.n ?? 0, items: await onSaleSummaries(db, rows.map((r) => r.id)) };
}
