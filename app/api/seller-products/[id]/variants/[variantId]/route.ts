export const dynamic = "force-dynamic";

import { updateVariant } from "@/lib/catalog/update-variant";
import { inTransaction, json, readJson, route } from "@/lib/http/route";

export const PATCH = route<{ id: string; variantId: string }>(async ({ req, params, actor }) => {
  const body = await readJson(req);
  return json(await inTransaction((tx) => updateVariant(tx, actor, params.id, params.variantId, body)));
});
