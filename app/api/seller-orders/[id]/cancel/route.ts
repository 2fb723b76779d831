export const dynamic = "force-dynamic";

import { inTransaction, json, readJson, route } from "@/lib/http/route";
import { cancelSellerOrder } from "@/lib/orders/cancel-seller-order";

export const POST = route<{ id: string }>(async ({ req, params, actor }) => {
  const body = await readJson(req);
  return json(await inTransaction((tx) => cancelSellerOrder(tx, actor, params.id, body)));
});
