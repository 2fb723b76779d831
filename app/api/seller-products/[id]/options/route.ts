export const dynamic = "force-dynamic";

import { setProductOptions } from "@/lib/catalog/set-options";
import { inTransaction, json, readJson, route } from "@/lib/http/route";

export const PUT = route<{ id: string }>(async ({ req, params, actor }) => {
  const body = await readJson(req);
  return json(await inTransaction((tx) => setProductOptions(tx, actor, params.id, body)));
});
