export const dynamic = "force-dynamic";

import { adjustStock } from "@/lib/inventory/adjust-stock";
import { inTransaction, json, readJson, route } from "@/lib/http/route";

export const POST = route<{ id: string }>(async ({ req, params, actor }) => {
  const body = await readJson(req);
  return json(await inTransaction((tx) => adjustStock(tx, actor, params.id, body)));
});
