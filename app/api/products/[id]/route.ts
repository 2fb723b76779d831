export const dynamic = "force-dynamic";

import { getDb } from "@/db/client";
import { getProduct } from "@/lib/catalog/queries";
import { json, route, type RouteContext } from "@/lib/http/route";

export const GET = route(async ({ params, actor }: RouteContext<{ id: string }>) =>
  json(await getProduct(getDb(), actor, params.id)),
);
