export const dynamic = "force-dynamic";

import { inTransaction, json, readJson, route } from "@/lib/http/route";
import { checkInReservation } from "@/lib/reservations/attendance";

/** The hub's staff record that the customer came (from 30 minutes before the slot until it ends). Body `{ note? }`. */
export const POST = route<{ id: string }>(async ({ req, params, actor }) => {
  const body = await readJson(req);
  return json(await inTransaction((tx) => checkInReservation(tx, actor, params.id, body)));
});
