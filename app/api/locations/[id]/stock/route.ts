export const dynamic = "force-dynamic";

import { getDb } from "@/db/client";
import { json, route, type RouteContext } from "@/lib/http/route";
import { locationStock } from "@/lib/inventory/queries";

export const GET = route(async ({ params, actor }: RouteContext<{ id: string }>) =>
  json(await locationStock(getDb(), actor, params.id)),
);
