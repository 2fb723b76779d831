export const dynamic = "force-dynamic";

import { getDb } from "@/db/client";
import { json, query, route } from "@/lib/http/route";
import { fulfilmentQueue } from "@/lib/orders/fulfilment-queries";

/** The fulfilment queue of the caller's organisation: `?status=&locationId=&sort=&page=&pageSize=`. */
export const GET = route(async ({ req, actor }) => json(await fulfilmentQueue(getDb(), actor, query(req))));
