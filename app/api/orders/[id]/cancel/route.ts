export const dynamic = "force-dynamic";

import { getDb } from "@/db/client";
import { json, readJson, route, type RouteContext } from "@/lib/http/route";
import { cancelOrder } from "@/lib/orders/cancel-order";

export const POST = route(async ({ req, params, actor }: RouteContext<{ id: string }>) => {
  const body = await readJson(req);
  return json(await cancelOrder(getDb(), actor, params.id, body));
});
