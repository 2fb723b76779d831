export const dynamic = "force-dynamic";

import { getDb } from "@/db/client";
import { json, route, type RouteContext } from "@/lib/http/route";
import { variantAvailability } from "@/lib/inventory/availability";

export const GET = route(async ({ params }: RouteContext<{ id: string }>) =>
  json(await variantAvailability(getDb(), params.id)),
);
