import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";

/** True when the database answers within the timeout. */
export async function databaseIsUp(db: Db, timeoutMs = 2000): Promise<boolean> {
  const probe = db.execute(sql`select 1`).then(
    () => true,
    () => false,
  );
  const timeout = new Promise<boolean>((r) => setTimeout(() => r(false), timeoutMs));
  return Promise.race([probe, timeout]);
}
