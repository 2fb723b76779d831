import { asc, eq, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { productImages } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import type { Actor } from "@/lib/auth/actor";
import { requireUser } from "@/lib/auth/policy";
import { Invalid } from "@/lib/errors";
import { assertImagesEditable, sellersOwnProduct } from "./image-access";
import { imagesOf } from "./image-queries";
import { ReorderProductImagesInput, type ProductImage } from "./image-schemas";
import { touchProduct } from "./product-history";

/**
 * Puts the seller's own product's images in the given order (the first is the main image). The list
 * must name every image of the product exactly once: a stale list (an image added or removed in
 * another tab since) is refused rather than guessed at. Returns the images in their new order.
 */
export async function reorderProductImages(
  tx: Tx,
  actor: Actor | null,
  raw: unknown,
): Promise<ProductImage[]> {
  const user = requireUser(actor, "product:manage:own");
  const input = ReorderProductImagesInput.parse(raw);
  const product = await sellersOwnProduct(tx, user, input.productId, { lock: true });
  assertImagesEditable(product);
  const current = await tx
    .select({ id: productImages.id })
    .from(productImages)
    .where(eq(productImages.productId, product.id))
    .orderBy(asc(productImages.position));
  const known = new Set(current.map((r) => r.id));
  if (input.ids.length !== known.size || !input.ids.every((id) => known.has(id))) {
    const message = `List every image of this product exactly once (it has ${known.size}); reload to see its images as they are now.`;
    throw new Invalid({ ids: message }, message, "product_image.order_mismatch");
  }
  // One statement: every position at once (the verb holds the product's lock, so no one else moves them).
  const cases = sql.join(
    input.ids.map((id, i) => sql`when ${id}::uuid then ${i}::int`),
    sql` `,
  );
  await tx
    .update(productImages)
    .set({ position: sql`case ${productImages.id} ${cases} end` })
    .where(eq(productImages.productId, product.id));
  await touchProduct(tx, product.id);
  await recordAudit(tx, user, {
    action: "product.reorder_images",
    targetType: "product",
    targetId: product.id,
    detail: { imageIds: input.ids },
  });
  return imagesOf(tx, product.id);
}
