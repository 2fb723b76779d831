export const dynamic = "force-dynamic";

import { getDb } from "@/db/client";
import { networkKpis } from "@/lib/network/kpis";
import { json, query, route } from "@/lib/http/route";

export const GET = route(async ({ req, actor }) => json(await networkKpis(getDb(), actor, query(req))));
