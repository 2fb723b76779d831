import { asc, eq, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { products, stockLevels, variants } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { authorize } from "@/lib/auth/policy";

export type SellerProductRow = {
  id: string;
  nameKo: string;
  nameEn: string;
  brand: string;
  category: (typeof products.$inferSelect)["category"];
  type: (typeof products.$inferSelect)["type"];
  status: (typeof products.$inferSelect)["status"];
  variantCount: number;
  priceMin: number | null;
  priceMax: number | null;
  /** Units available to order across every location that holds them. */
  available: number;
};

/** The listings of the actor's own seller organisation, in every lifecycle state. */
export async function sellerProducts(db: Db | Tx, actor: Actor | null): Promise<SellerProductRow[]> {
  authorize(actor, "product:manage:own");
  if (!actor.organisationId) return [];
  const perVariant = db
    .select({
      productId: variants.productId,
      variantId: variants.id,
      price: variants.price,
      available: sql<number>`coalesce(sum(${stockLevels.onHand} - ${stockLevels.reserved}), 0)`.as("available"),
    })
    .from(variants)
    .leftJoin(stockLevels, eq(stockLevels.variantId, variants.id))
    .groupBy(variants.id)
    .as("pv");
  return db
    .select({
      id: products.id,
      nameKo: products.nameKo,
      nameEn: products.nameEn,
      brand: products.brand,
      category: products.category,
      type: products.type,
      status: products.status,
      variantCount: sql<number>`count(${perVariant.variantId})::int`,
      priceMin: sql<number | null>`min(${perVariant.price})`,
      priceMax: sql<number | null>`max(${perVariant.price})`,
      available: sql<number>`coalesce(sum(${perVariant.available}), 0)::int`,
    })
    .from(products)
    .leftJoin(perVariant, eq(perVariant.productId, products.id))
    .where(eq(products.sellerId, actor.organisationId))
    .groupBy(products.id)
    .orderBy(asc(products.category), asc(products.nameKo));
}
