export const dynamic = "force-dynamic";

import { getDb } from "@/db/client";
import { json, route } from "@/lib/http/route";
import { listLocations } from "@/lib/inventory/locations";

export const GET = route(async () => json(await listLocations(getDb())));
