export const dynamic = "force-dynamic";

import { inTransaction, json, readJson, route, type RouteContext } from "@/lib/http/route";
import { shipSellerOrder } from "@/lib/orders/advance-seller-order";

export const POST = route(async ({ req, params, actor }: RouteContext<{ id: string }>) => {
  const body = await readJson(req);
  return json(await inTransaction((tx) => shipSellerOrder(tx, actor, params.id, body)));
});
