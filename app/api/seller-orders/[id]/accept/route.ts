export const dynamic = "force-dynamic";

import { inTransaction, json, readJson, route, type RouteContext } from "@/lib/http/route";
import { acceptSellerOrder } from "@/lib/orders/advance-seller-order";

export const POST = route(async ({ req, params, actor }: RouteContext<{ id: string }>) => {
  const body = await readJson(req);
  return json(await inTransaction((tx) => acceptSellerOrder(tx, actor, params.id, body)));
});
