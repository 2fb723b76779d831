export const dynamic = "force-dynamic";

import { inTransaction, json, readJson, route, type RouteContext } from "@/lib/http/route";
import { joinWaitlist } from "@/lib/reservations/join-waitlist";

type Ctx = RouteContext<{ id: string }>;

/** A customer joins a full reservable's waiting list: 201 `{ id, position }`; 409 when it has room. */
export const POST = route(async ({ req, actor, params }: Ctx) => {
  const body = await readJson(req);
  return json(await inTransaction((tx) => joinWaitlist(tx, actor, params.id, body)), 201);
});
