export const dynamic = "force-dynamic";

import { getDb } from "@/db/client";
import { createProduct } from "@/lib/catalog/create-product";
import { listSellerProducts } from "@/lib/catalog/seller-product-queries";
import { inTransaction, json, query, readJson, route } from "@/lib/http/route";

export const GET = route(async ({ req, actor }) => json(await listSellerProducts(getDb(), actor, query(req))));

export const POST = route(async ({ req, actor }) => {
  const body = await readJson(req);
  return json(await inTransaction((tx) => createProduct(tx, actor, body)), 201);
});
