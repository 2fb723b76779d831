export const dynamic = "force-dynamic";

import { inTransaction, json, readJson, route } from "@/lib/http/route";
import { generateSlots } from "@/lib/reservations/create-reservables";

/** A hub's operator: a day or a week of N-minute appointment slots at one of their hubs. */
export const POST = route(async ({ req, actor }) => {
  const body = await readJson(req);
  return json(await inTransaction((tx) => generateSlots(tx, actor, body)), 201);
});
