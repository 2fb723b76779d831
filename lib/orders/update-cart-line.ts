import { and, eq } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { cartItems } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { requireUser } from "@/lib/auth/policy";
import { NotFound } from "@/lib/errors";
import { idOrNotFound } from "@/lib/validation";
import { SetCartQuantityInput } from "./schemas";

const notInCart = () => new NotFound("cart.line_not_found", "This item is not in your cart.");

/** Sets the quantity of a line already in the cart. */
export async function updateCartLine(
  tx: Tx,
  actor: Actor | null,
  variantId: unknown,
  raw: unknown,
): Promise<{ variantId: string; quantity: number }> {
  const customer = requireUser(actor, "cart:use");
  const input = SetCartQuantityInput.parse(raw);
  const id = idOrNotFound(variantId, notInCart);
  const [row] = await tx
    .update(cartItems)
    .set({ quantity: input.quantity })
    .where(and(eq(cartItems.userId, customer.id), eq(cartItems.variantId, id)))
    .returning({ variantId: cartItems.variantId, quantity: cartItems.quantity });
  if (!row) throw notInCart();
  return row;
}

/** Removes a line from the cart. */
export async function removeFromCart(tx: Tx, actor: Actor | null, variantId: unknown): Promise<void> {
  const customer = requireUser(actor, "cart:use");
  const id = idOrNotFound(variantId, notInCart);
  const rows = await tx
    .delete(cartItems)
    .where(and(eq(cartItems.userId, customer.id), eq(cartItems.variantId, id)))
    .returning({ variantId: cartItems.variantId });
  if (rows.length === 0) throw notInCart();
}
