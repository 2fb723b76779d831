export const dynamic = "force-dynamic";

import { shipTransfer } from "@/lib/inventory/advance-transfer";
import { inTransaction, json, readJson, route } from "@/lib/http/route";

export const POST = route<{ id: string }>(async ({ req, params, actor }) => {
  const body = await readJson(req);
  return json(await inTransaction((tx) => shipTransfer(tx, actor, params.id, body)));
});
