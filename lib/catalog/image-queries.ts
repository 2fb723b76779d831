import { asc, count, eq, inArray } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { productImages } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { loadProductFor } from "./product-access";
import type { ProductImage } from "./image-schemas";
import { imageUrl } from "./image-urls";

type Reader = Db | Tx;

/** Every column but the bytes: lists never load the pictures themselves. */
export const imageColumns = {
  id: productImages.id,
  productId: productImages.productId,
  position: productImages.position,
  width: productImages.width,
  height: productImages.height,
};

export function toProductImage(row: {
  id: string;
  width: number;
  height: number;
  position: number;
}): ProductImage {
  return { id: row.id, url: imageUrl(row.id), width: row.width, height: row.height, position: row.position };
}

/** A product's images, first image first. */
export async function imagesOf(db: Reader, productId: string): Promise<ProductImage[]> {
  const rows = await db
    .select(imageColumns)
    .from(productImages)
    .where(eq(productImages.productId, productId))
    .orderBy(asc(productImages.position));
  return rows.map(toProductImage);
}

export async function imageCount(db: Reader, productId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(productImages)
    .where(eq(productImages.productId, productId));
  return row?.n ?? 0;
}

/** The images of a page of products in one query, by product, first image first. */
export async function imagesOfProducts(
  db: Reader,
  productIds: string[],
): Promise<Map<string, ProductImage[]>> {
  const out = new Map<string, ProductImage[]>();
  if (productIds.length === 0) return out;
  const rows = await db
    .select(imageColumns)
    .from(productImages)
    .where(inArray(productImages.productId, productIds))
    .orderBy(asc(productImages.productId), asc(productImages.position));
  for (const r of rows) {
    const list = out.get(r.productId) ?? [];
    out.set(r.productId, list);
    list.push(toProductImage(r));
  }
  return out;
}

/**
 * GET /api/seller-products/{id}/images: the seller's own product in any state, and marketing any
 * product (to review it); the catalog's one loader says who (401, 403, 404 as for the product).
 */
export async function listProductImages(
  db: Reader,
  actor: Actor | null,
  productId: unknown,
): Promise<ProductImage[]> {
  const { product } = await loadProductFor(db, actor, productId);
  return imagesOf(db, product.id);
}
