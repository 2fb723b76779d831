"use server";

import { runAction } from "@/lib/http/action";
import { inTransaction } from "@/lib/http/route";
import { currentActor } from "@/lib/auth/session";
import { addToCart } from "@/lib/orders/add-to-cart";
import { removeFromCart, updateCartLine } from "@/lib/orders/update-cart-line";

export async function addToCartAction(variantId: string, quantity: number) {
  return runAction(async () => {
    const actor = await currentActor();
    return inTransaction((tx) => addToCart(tx, actor, { variantId, quantity }));
  });
}

export async function updateCartLineAction(variantId: string, quantity: number) {
  return runAction(async () => {
    const actor = await currentActor();
    return inTransaction((tx) => updateCartLine(tx, actor, variantId, { quantity }));
  });
}

export async function removeCartLineAction(variantId: string) {
  return runAction(async () => {
    const actor = await currentActor();
    await inTransaction((tx) => removeFromCart(tx, actor, variantId));
  });
}
