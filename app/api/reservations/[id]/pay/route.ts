export const dynamic = "force-dynamic";

import { getDb } from "@/db/client";
import { json, readJson, route, type RouteContext } from "@/lib/http/route";
import { payReservation } from "@/lib/reservations/pay-reservation";

type Ctx = RouteContext<{ id: string }>;

/** Pays a confirmed reservation before its hold runs out (`{ cardNumber? }`). */
export const POST = route(async ({ req, actor, params }: Ctx) => {
  const body = await readJson(req);
  return json(await payReservation(getDb(), actor, params.id, body));
});
