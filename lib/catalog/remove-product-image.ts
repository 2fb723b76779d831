import { and, eq, gt, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { productImages } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import type { Actor } from "@/lib/auth/actor";
import { requireUser } from "@/lib/auth/policy";
import { idOrNotFound } from "@/lib/validation";
import { assertImagesEditable, imageNotFound, sellersOwnProduct } from "./image-access";
import { forgetRenditions } from "./image-renditions";
import { RemoveProductImageInput } from "./image-schemas";
import { touchProduct } from "./product-history";

/**
 * Deletes one image of the seller's own product and closes the gap, so positions stay 0…n-1 (the
 * next one becomes the main image when the first goes). Unknown, or another product's: NotFound.
 */
export async function removeProductImage(tx: Tx, actor: Actor | null, raw: unknown): Promise<void> {
  const user = requireUser(actor, "product:manage:own");
  const input = RemoveProductImageInput.parse(raw);
  const product = await sellersOwnProduct(tx, user, input.productId, { lock: true });
  assertImagesEditable(product);
  const imageId = idOrNotFound(input.imageId, imageNotFound);
  const [gone] = await tx
    .delete(productImages)
    .where(and(eq(productImages.id, imageId), eq(productImages.productId, product.id)))
    .returning({ position: productImages.position });
  if (!gone) throw imageNotFound();
  await tx
    .update(productImages)
    .set({ position: sql`${productImages.position} - 1` })
    .where(and(eq(productImages.productId, product.id), gt(productImages.position, gone.position)));
  await touchProduct(tx, product.id);
  await recordAudit(tx, user, {
    action: "product.remove_image",
    targetType: "product",
    targetId: product.id,
    detail: { imageId, position: gone.position },
  });
  // This instance stops serving it at once; others within the renditions' time to live.
  forgetRenditions(imageId);
}
