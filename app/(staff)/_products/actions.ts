"use server";

import { revalidatePath } from "next/cache";
import { currentActor } from "@/lib/auth/session";
import { createProduct } from "@/lib/catalog/create-product";
import { setProductOptions } from "@/lib/catalog/set-options";
import { PRODUCT_STEPS } from "@/lib/catalog/transition-product";
import { updateProduct } from "@/lib/catalog/update-product";
import { updateVariant } from "@/lib/catalog/update-variant";
import { BadRequest } from "@/lib/errors";
import { runAction } from "@/lib/http/action";
import { inTransaction } from "@/lib/http/route";

/**
 * The doors of the seller centre's editor and marketing's review (server actions): each finds the
 * actor, opens a transaction and calls the verb. Every rule lives in lib/catalog.
 */

/** Both sides' lists and product pages show what changed (the shop reads the status on every request). */
function refresh(productId?: string) {
  revalidatePath("/seller", "layout");
  revalidatePath("/marketing/reviews", "layout");
  if (productId) revalidatePath(`/products/${productId}`);
}

/** A new draft. The form's key makes a double click (or a retry) create one product, not two. */
export async function createProductAction(input: unknown, idempotencyKey?: string) {
  return runAction(async () => {
    const actor = await currentActor();
    const { product } = await inTransaction((tx) => createProduct(tx, actor, input, { idempotencyKey }));
    refresh();
    return { id: product.id };
  });
}

export async function updateProductAction(productId: string, input: unknown) {
  return runAction(async () => {
    const actor = await currentActor();
    const product = await inTransaction((tx) => updateProduct(tx, actor, productId, input));
    refresh(productId);
    return { id: product.id, updatedAt: product.updatedAt };
  });
}

/** Saves the option groups and regenerates the variant matrix. */
export async function setOptionsAction(productId: string, input: unknown) {
  return runAction(async () => {
    const actor = await currentActor();
    const product = await inTransaction((tx) => setProductOptions(tx, actor, productId, input));
    refresh(productId);
    return { variants: product.variants.length };
  });
}

export async function updateVariantAction(productId: string, variantId: string, input: unknown) {
  return runAction(async () => {
    const actor = await currentActor();
    const variant = await inTransaction((tx) => updateVariant(tx, actor, productId, variantId, input));
    refresh(productId);
    return variant;
  });
}

/** One lifecycle step by its API name (`submit`, `send-back`, …), for the seller's and marketing's buttons. */
export async function productStepAction(productId: string, step: string, input: unknown = {}) {
  return runAction(async () => {
    const verb = typeof step === "string" && Object.hasOwn(PRODUCT_STEPS, step)
      ? PRODUCT_STEPS[step as keyof typeof PRODUCT_STEPS]
      : null;
    if (!verb) throw new BadRequest("product.unknown_step", "Unknown product step.");
    const actor = await currentActor();
    const product = await inTransaction((tx) => verb(tx, actor, productId, input));
    refresh(productId);
    return { status: product.status };
  });
}
