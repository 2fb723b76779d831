import os from "node:os";
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";

const envMs = (name: string, fallback: number) => {
  const n = Number(process.env[name]);
  return Number.isFinite(n) && n > 0 ? n : fallback;
};

/** How often a worker beats (WORKER_HEARTBEAT_MS, 3 s). */
export const heartbeatMs = () => envMs("WORKER_HEARTBEAT_MS", 3000);
/** A beat older than this (WORKER_HEARTBEAT_STALE_MS, 15 s: five missed beats) is no live worker. */
export const heartbeatStaleMs = () => envMs("WORKER_HEARTBEAT_STALE_MS", 15_000);

/** This worker's row: host and pid, so two machines never share one. */
export const workerId = () => `${os.hostname()}:${process.pid}`;

export async function beat(db: Db, id: string): Promise<void> {
  await db.execute(sql`
    insert into worker_heartbeats (id) values (${id})
    on conflict (id) do update set beat_at = now()`);
}

/**
 * Beats now and every heartbeatMs until stopped; a clean stop deletes the row. Rows of workers that
 * stopped beating over an hour ago (killed) are swept at start. A failed beat (the database away) is
 * logged once per outage and retried at the next beat.
 */
export async function startHeartbeat(db: Db, log: (m: string) => void): Promise<{ stop: () => Promise<void> }> {
  const id = workerId();
  await db.execute(sql`delete from worker_heartbeats where beat_at < now() - interval '1 hour'`);
  await beat(db, id);
  let failing = false;
  let inFlight: Promise<void> | null = null;
  const timer = setInterval(() => {
    if (inFlight) return;
    inFlight = beat(db, id)
      .then(() => {
        if (failing) log("heartbeat: beating again");
        failing = false;
      })
      .catch((e: unknown) => {
        if (!failing) log(`heartbeat failed (will retry): ${e instanceof Error ? e.message : String(e)}`);
        failing = true;
      })
      .finally(() => (inFlight = null));
  }, heartbeatMs());
  return {
    stop: async () => {
      clearInterval(timer);
      await inFlight;
      await db.execute(sql`delete from worker_heartbeats where id = ${id}`).catch(() => {});
    },
  };
}
