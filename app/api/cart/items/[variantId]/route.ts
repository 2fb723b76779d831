export const dynamic = "force-dynamic";

import { inTransaction, json, readJson, route, type RouteContext } from "@/lib/http/route";
import { removeFromCart, updateCartLine } from "@/lib/orders/update-cart-line";

export const PATCH = route(async ({ req, params, actor }: RouteContext<{ variantId: string }>) => {
  const body = await readJson(req);
  return json(await inTransaction((tx) => updateCartLine(tx, actor, params.variantId, body)));
});

export const DELETE = route(async ({ params, actor }: RouteContext<{ variantId: string }>) => {
  await inTransaction((tx) => removeFromCart(tx, actor, params.variantId));
  return new Response(null, { status: 204 });
});
