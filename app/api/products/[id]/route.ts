export const dynamic = "force-dynamic";

import { getDb } from "@/db/client";
import { shopProduct } from "@/lib/catalog/cached-reads";
import { json, route, type RouteContext } from "@/lib/http/route";

export const GET = route(async ({ params, actor }: RouteContext<{ id: string }>) =>
  json(await shopProduct(getDb(), actor, params.id)),
);
