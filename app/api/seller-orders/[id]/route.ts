export const dynamic = "force-dynamic";

import { getDb } from "@/db/client";
import { json, route, type RouteContext } from "@/lib/http/route";
import { getSellerOrderFor } from "@/lib/orders/fulfilment-queries";

export const GET = route(async ({ params, actor }: RouteContext<{ id: string }>) =>
  json(await getSellerOrderFor(getDb(), actor, params.id)),
);
