export const dynamic = "force-dynamic";

import { getDb } from "@/db/client";
import { databaseIsUp, workerHealth } from "@/lib/identity/health";
import { json, route } from "@/lib/http/route";

/**
 * 200 `{ status: "ok", db: "ok", worker }` while the database answers; 503 when it does not (API.md).
 * No worker deciding while reservation requests wait past their grace is `status: "degraded"`,
 * `worker: "stalled"`, still 200: the web itself serves, and a load balancer that took every instance
 * out of rotation for it would stop the whole shop over its worker (README, "Operating it").
 */
export const GET = route(async () => {
  const db = getDb();
  if (!(await databaseIsUp(db))) return json({ status: "degraded", db: "unreachable" }, 503);
  const w = await workerHealth(db);
  return w.worker === "stalled"
    ? json({ status: "degraded", db: "ok", worker: w.worker, pendingOverdue: w.pendingOverdue })
    : json({ status: "ok", db: "ok", worker: w.worker });
});
