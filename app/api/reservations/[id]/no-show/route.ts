export const dynamic = "force-dynamic";

import { inTransaction, json, readJson, route } from "@/lib/http/route";
import { markNoShow } from "@/lib/reservations/attendance";

/** The hub's staff record that the customer did not come (once the slot has started). Body `{ note? }`. */
export const POST = route<{ id: string }>(async ({ req, params, actor }) => {
  const body = await readJson(req);
  return json(await inTransaction((tx) => markNoShow(tx, actor, params.id, body)));
});
