export const dynamic = "force-dynamic";

import { getDb } from "@/db/client";
import { json, readJson, route, type RouteContext } from "@/lib/http/route";
import { cancelReservation } from "@/lib/reservations/cancel-reservation";

type Ctx = RouteContext<{ id: string }>;

/** The customer cancels before the deadline (`{ reason? }`): capacity back, refund if paid. */
export const POST = route(async ({ req, actor, params }: Ctx) => {
  const body = await readJson(req);
  return json(await cancelReservation(getDb(), actor, params.id, body));
});
