export const dynamic = "force-dynamic";

import { getDb } from "@/db/client";
import { listSellers } from "@/lib/catalog/queries";
import { json, route } from "@/lib/http/route";

export const GET = route(async () => json(await listSellers(getDb())));
