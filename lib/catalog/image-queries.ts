import { asc, count, eq, inArray } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { productImages, products } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { can, requireUser } from "@/lib/auth/policy";
import { Unauthenticated } from "@/lib/errors";
import { Id } from "@/lib/validation";
import { ownProduct, productNotFound } from "./image-access";
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

export function toProductImage(row: { id: string; width: number; height: number; position: number }): ProductImage {
  return { id: row.id, url: imageUrl(row.id), width: row.width, height: row.height, position: row.position };
}

/** A product's images, first image first. */
export async function imagesOf(db: Reader, productId: string): Promise<ProductImage[]> {
  const rows = await db.select(imageColumns).from(productImages).where(eq(productImages.productId, productId)).orderBy(asc(productImages.position));
  return rows.map(toProductImage);
}

export async function imageCount(db: Reader, productId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(productImages).where(eq(productImages.productId, productId));
  return row?.n ?? 0;
}

/** The images of a page of products in one query, by product, first image first. */
export async function imagesOfProducts(db: Reader, productIds: string[]): Promise<Map<string, ProductImage[]>> {
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
 * product (to review it). Everyone else: 401 signed out, 403 without either right, 404 not theirs.
 */
export async function listProductImages(db: Reader, actor: Actor | null, productId: string): Promise<ProductImage[]> {
  if (!actor) throw new Unauthenticated();
  if (can(actor, "product:review")) {
    const id = Id.safeParse(productId);
    const [row] = id.success ? await db.select({ id: products.id }).from(products).where(eq(products.id, id.data)) : [];
    if (!row) throw productNotFound();
    return imagesOf(db, row.id);
  }
  const product = await ownProduct(db, requireUser(actor, "product:manage:own"), productId, { lock: false });
  return imagesOf(db, product.id);
}
