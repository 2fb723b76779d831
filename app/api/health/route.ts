export const dynamic = "force-dynamic";

import { getDb } from "@/db/client";
import { databaseIsUp } from "@/lib/identity/health";
import { json, route } from "@/lib/http/route";

export const GET = route(async () => {
  const up = await databaseIsUp(getDb());
  return up ? json({ status: "ok", db: "ok" }) : json({ status: "degraded", db: "unreachable" }, 503);
});
