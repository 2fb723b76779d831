export const dynamic = "force-dynamic";

import { reorderProductImages } from "@/lib/catalog/reorder-product-images";
import { inTransaction, json, readJson, route } from "@/lib/http/route";

export const PUT = route<{ id: string }>(async ({ req, params, actor }) => {
  const body = await readJson(req);
  // The path names the product; a `productId` in the body cannot point the verb elsewhere.
  const input = Object.assign({}, body, { productId: params.id });
  return json(await inTransaction((tx) => reorderProductImages(tx, actor, input)));
});
