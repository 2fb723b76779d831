export const dynamic = "force-dynamic";

import { getDb } from "@/db/client";
import { getSellerProduct } from "@/lib/catalog/seller-product-queries";
import { updateProduct } from "@/lib/catalog/update-product";
import { inTransaction, json, readJson, route } from "@/lib/http/route";

export const GET = route<{ id: string }>(async ({ params, actor }) =>
  json(await getSellerProduct(getDb(), actor, params.id)),
);

export const PATCH = route<{ id: string }>(async ({ req, params, actor }) => {
  const body = await readJson(req);
  return json(await inTransaction((tx) => updateProduct(tx, actor, params.id, body)));
});
