export const dynamic = "force-dynamic";

import { inTransaction, json, readJson, route } from "@/lib/http/route";
import { cancelOrder } from "@/lib/orders/cancel-order";

export const POST = route<{ id: string }>(async ({ req, params, actor }) => {
  const body = await readJson(req);
  return json(await inTransaction((tx) => cancelOrder(tx, actor, params.id, body)));
});
