export const dynamic = "force-dynamic";

import { getDb } from "@/db/client";
import { createProduct } from "@/lib/catalog/create-product";
import { listSellerProducts } from "@/lib/catalog/seller-product-queries";
import { idempotencyKey, inTransaction, json, query, readJson, route } from "@/lib/http/route";

export const GET = route(async ({ req, actor }) =>
  json(await listSellerProducts(getDb(), actor, query(req))),
);

/** 201 the new draft; 200 (Idempotent-Replayed: true) the first product of a known Idempotency-Key. */
export const POST = route(async ({ req, actor }) => {
  const body = await readJson(req);
  const key = idempotencyKey(req);
  const { product, replayed } = await inTransaction((tx) =>
    createProduct(tx, actor, body, { idempotencyKey: key }),
  );
  return replayed ? json(product, 200, { "idempotent-replayed": "true" }) : json(product, 201);
});
