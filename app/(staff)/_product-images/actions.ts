"use server";

import { getDb } from "@/db/client";
import { uploadProductImage } from "@/lib/catalog/add-product-image";
import { listProductImages } from "@/lib/catalog/image-queries";
import type { ProductImage } from "@/lib/catalog/image-schemas";
import { removeProductImage } from "@/lib/catalog/remove-product-image";
import { reorderProductImages } from "@/lib/catalog/reorder-product-images";
import { currentActor } from "@/lib/auth/session";
import { Invalid } from "@/lib/errors";
import { limitAction, runAction, type ActionResult } from "@/lib/http/action";
import { inTransaction } from "@/lib/http/route";

/**
 * The image uploader's doors (components/catalog/image-uploader.tsx), for any page that edits a
 * product. Each answers the product's images as they are afterwards, so the uploader shows the truth.
 * next.config.ts lets these bodies reach 6 MB, so a file just over the 5 MB limit gets the clear 413
 * message instead of Next's generic refusal.
 */
export async function uploadProductImageAction(
  productId: string,
  form: FormData,
): Promise<ActionResult<ProductImage>> {
  return runAction(async () => {
    const actor = await currentActor();
    await limitAction(actor, "create");
    const file = form instanceof FormData ? form.get("file") : null;
    if (!(file instanceof Blob)) throw new Invalid({ file: "Choose an image file." });
    return uploadProductImage(getDb(), actor, productId, new Uint8Array(await file.arrayBuffer()));
  });
}

export async function removeProductImageAction(
  productId: string,
  imageId: string,
): Promise<ActionResult<ProductImage[]>> {
  return runAction(async () => {
    const actor = await currentActor();
    await inTransaction((tx) => removeProductImage(tx, actor, { productId, imageId }));
    return listProductImages(getDb(), actor, productId);
  });
}

export async function reorderProductImagesAction(
  productId: string,
  ids: string[],
): Promise<ActionResult<ProductImage[]>> {
  return runAction(async () => {
    const actor = await currentActor();
    return inTransaction((tx) => reorderProductImages(tx, actor, { productId, ids }));
  });
}
