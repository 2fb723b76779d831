export const dynamic = "force-dynamic";

import { receiveGoods } from "@/lib/inventory/receive-goods";
import { inTransaction, json, readJson, route } from "@/lib/http/route";

export const POST = route<{ id: string }>(async ({ req, params, actor }) => {
  const body = await readJson(req);
  return json(await inTransaction((tx) => receiveGoods(tx, actor, params.id, body)), 201);
});
