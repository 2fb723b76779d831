export const dynamic = "force-dynamic";

import { getDb } from "@/db/client";
import { json, readJson, route, type RouteContext } from "@/lib/http/route";
import { cancelSellerOrder } from "@/lib/orders/cancel-seller-order";

export const POST = route(async ({ req, params, actor }: RouteContext<{ id: string }>) => {
  const body = await readJson(req);
  return json(await cancelSellerOrder(getDb(), actor, params.id, body));
});
