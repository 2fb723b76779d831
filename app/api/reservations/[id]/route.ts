export const dynamic = "force-dynamic";

import { getDb } from "@/db/client";
import { json, route, type RouteContext } from "@/lib/http/route";
import { reservationFor } from "@/lib/reservations/queries";

type Ctx = RouteContext<{ id: string }>;

/** One of the customer's reservations, with its place in the queue while pending. */
export const GET = route(async ({ actor, params }: Ctx) =>
  json(await reservationFor(getDb(), actor, params.id)),
);
