export const dynamic = "force-dynamic";

import { getDb } from "@/db/client";
import { json, readJson, route } from "@/lib/http/route";
import { cancelSlotDay } from "@/lib/reservations/cancel-reservable";

/** A hub's operator calls off a whole day of slots at one of their hubs (`{ locationId, date, reason }`). */
export const POST = route(async ({ req, actor }) => {
  const body = await readJson(req);
  return json(await cancelSlotDay(getDb(), actor, body));
});
