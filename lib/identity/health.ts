import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { graceMs } from "@/lib/reservations/decide-batch";
import { heartbeatStaleMs } from "@/lib/worker/heartbeat";

/** True when the database answers within the timeout. */
export async function databaseIsUp(db: Db, timeoutMs = 2000): Promise<boolean> {
  const probe = db.execute(sql`select 1`).then(
    () => true,
    () => false,
  );
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((r) => (timer = setTimeout(() => r(false), timeoutMs)));
  return Promise.race([probe, timeout]).finally(() => clearTimeout(timer));
}

/** How long past its grace a pending request may wait before health calls it overdue (HEALTH_PENDING_OVERDUE_MS, 10 s). */
export function overdueMs(): number {
  const n = Number(process.env.HEALTH_PENDING_OVERDUE_MS);
  return Number.isFinite(n) && n >= 0 ? n : 10_000;
}

export type WorkerHealth = {
  /** `ok`: some worker beat lately; `absent`: none did, and nothing waits for one; `stalled`: requests wait and none did. */
  worker: "ok" | "absent" | "stalled";
  /** Pending reservation requests older than their grace plus overdueMs(). */
  pendingOverdue: number;
};

/**
 * Is any reservation worker deciding? Live means a heartbeat (lib/worker/heartbeat.ts) younger than
 * heartbeatStaleMs(), from any machine. Only requests left pending past their grace with no live
 * worker make it `stalled`: a shop whose workers run elsewhere, or not at all while nobody reserves,
 * is not degraded.
 */
export async function workerHealth(db: Db): Promise<WorkerHealth> {
  const waitSecs = (graceMs() + overdueMs()) / 1000;
  const [row] = await db.execute<{ live: number; overdue: number }>(sql`
    select
      (select count(*)::int from worker_heartbeats
        where beat_at > now() - make_interval(secs => ${heartbeatStaleMs() / 1000})) as live,
      (select count(*)::int from reservations
        where status = 'pending' and created_at < now() - make_interval(secs => ${waitSecs})) as overdue`);
  const live = (row?.live ?? 0) > 0;
  const pendingOverdue = row?.overdue ?? 0;
  return { worker: live ? "ok" : pendingOverdue > 0 ? "stalled" : "absent", pendingOverdue };
}
