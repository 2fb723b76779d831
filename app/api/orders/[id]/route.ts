export const dynamic = "force-dynamic";

import { getDb } from "@/db/client";
import { json, route, type RouteContext } from "@/lib/http/route";
import { getOrderFor } from "@/lib/orders/order-queries";

export const GET = route(async ({ params, actor }: RouteContext<{ id: string }>) =>
  json(await getOrderFor(getDb(), actor, params.id)),
);
