export const dynamic = "force-dynamic";

import { inTransaction, json, readJson, route } from "@/lib/http/route";
import { removeFromCart, updateCartLine } from "@/lib/orders/update-cart-line";

export const PATCH = route<{ variantId: string }>(async ({ req, params, actor }) => {
  const body = await readJson(req);
  return json(await inTransaction((tx) => updateCartLine(tx, actor, params.variantId, body)));
});

export const DELETE = route<{ variantId: string }>(async ({ params, actor }) => {
  await inTransaction((tx) => removeFromCart(tx, actor, params.variantId));
  return new Response(null, { status: 204 });
});
