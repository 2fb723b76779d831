export const dynamic = "force-dynamic";

import { getDb } from "@/db/client";
import { listAudit } from "@/lib/audit";
import { json, query, route } from "@/lib/http/route";

/** Marketing: every staff action, newest first (`?actorId=&action=&from=&to=&page=&pageSize=`). */
export const GET = route(async ({ req, actor }) => json(await listAudit(getDb(), actor, query(req))));
