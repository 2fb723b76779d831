export const dynamic = "force-dynamic";

import { getDb } from "@/db/client";
import { shopSellers } from "@/lib/catalog/cached-reads";
import { json, route } from "@/lib/http/route";

export const GET = route(async () => json(await shopSellers(getDb())));
