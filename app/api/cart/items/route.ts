export const dynamic = "force-dynamic";

import { inTransaction, json, readJson, route } from "@/lib/http/route";
import { addToCart } from "@/lib/orders/add-to-cart";

/** Adds to the cart (to the line's quantity if it is there): 201 the line. */
export const POST = route(async ({ req, actor }) => {
  const body = await readJson(req);
  return json(await inTransaction((tx) => addToCart(tx, actor, body)), 201);
});
