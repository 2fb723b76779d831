export const dynamic = "force-dynamic";

import { getDb } from "@/db/client";
import { json, readJson, route, type RouteContext } from "@/lib/http/route";
import { cancelReservable } from "@/lib/reservations/cancel-reservable";

type Ctx = RouteContext<{ id: string }>;

/** Staff call off a whole reservable: every reservation on it cancelled and refunded, `{ reason }` shown to customers. */
export const POST = route(async ({ req, actor, params }: Ctx) => {
  const body = await readJson(req);
  return json(await cancelReservable(getDb(), actor, params.id, body));
});
