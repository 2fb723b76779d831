export const dynamic = "force-dynamic";

import { getDb } from "@/db/client";
import { idempotencyKey, json, limit, query, readJson, route } from "@/lib/http/route";
import { listMyOrders } from "@/lib/orders/order-queries";
import { placeOrder } from "@/lib/orders/place-order";

/** 201 the new order; 200 (Idempotent-Replayed: true) the first order of a known Idempotency-Key. */
export const POST = route(async ({ req, actor }) => {
  const body = await readJson(req);
  await limit({ req, actor }, "create");
  const { order, replayed } = await placeOrder(getDb(), actor, body, { idempotencyKey: idempotencyKey(req) });
  return replayed ? json(order, 200, { "idempotent-replayed": "true" }) : json(order, 201);
});

export const GET = route(async ({ req, actor }) => json(await listMyOrders(getDb(), actor, query(req))));
