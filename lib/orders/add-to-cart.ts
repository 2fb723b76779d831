import { eq, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { cartItems, products, variants } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { requireUser } from "@/lib/auth/policy";
import { Conflict, Invalid } from "@/lib/errors";
import { AddToCartInput } from "./schemas";

/**
 * Adds a quantity of a variant to the customer's cart (adding to the line if it is there). A line holds
 * at most 1,000; only on-sale products sold from stock can be added.
 */
export async function addToCart(
  tx: Tx,
  actor: Actor | null,
  raw: unknown,
): Promise<{ variantId: string; quantity: number }> {
  const customer = requireUser(actor, "cart:use");
  const input = AddToCartInput.parse(raw);
  const [v] = await tx
    .select({ status: products.status, type: products.type, sku: variants.sku })
    .from(variants)
    .innerJoin(products, eq(products.id, variants.productId))
    .where(eq(variants.id, input.variantId));
  if (!v) throw new Invalid({ variantId: "No such item." });
  if (v.type !== "stock")
    throw new Invalid({ variantId: "This item is sold by reservation, not from stock." });
  if (v.status !== "on_sale")
    throw new Conflict("cart.not_on_sale", `${v.sku} is not on sale.`, {
      variantId: input.variantId,
      sku: v.sku,
    });
  const [row] = await tx
    .insert(cartItems)
    .values({ userId: customer.id, variantId: input.variantId, quantity: input.quantity })
    .onConflictDoUpdate({
      target: [cartItems.userId, cartItems.variantId],
      set: { quantity: sql`${cartItems.quantity} + excluded.quantity` },
      setWhere: sql`${cartItems.quantity} + excluded.quantity <= 1000`,
    })
    .returning({ variantId: cartItems.variantId, quantity: cartItems.quantity });
  if (!row) throw new Invalid({ quantity: "A cart line holds at most 1,000." });
  return row;
}
