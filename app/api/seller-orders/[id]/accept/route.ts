export const dynamic = "force-dynamic";

import { inTransaction, json, readJson, route } from "@/lib/http/route";
import { acceptSellerOrder } from "@/lib/orders/advance-seller-order";

export const POST = route<{ id: string }>(async ({ req, params, actor }) => {
  const body = await readJson(req);
  return json(await inTransaction((tx) => acceptSellerOrder(tx, actor, params.id, body)));
});
