export const dynamic = "force-dynamic";

import { getDb } from "@/db/client";
import { json, route } from "@/lib/http/route";
import { locationStock } from "@/lib/inventory/queries";

export const GET = route<{ id: string }>(async ({ params, actor }) => json(await locationStock(getDb(), actor, params.id)));
