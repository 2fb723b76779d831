import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startEmbeddedPostgres } from "@/db/embedded";
import { ensureDatabase } from "@/db/setup";

export type BenchDatabase = { url: string; label: string; stop: () => Promise<void> };

/**
 * A benchmark's own PostgreSQL: DATABASE_URL's when set, otherwise an embedded server in a temporary
 * directory with database `name`, removed again by `stop`. Commits stay durable either way.
 */
export async function benchDatabase(name: string, log: (m: string) => void): Promise<BenchDatabase> {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, label: "DATABASE_URL", stop: async () => {} };
  const dir = mkdtempSync(path.join(tmpdir(), `${name.replace(/_/g, "-")}-`));
  chmodSync(dir, 0o755); // as root, PostgreSQL runs as its own user and must reach its data directory
  const pg = await startEmbeddedPostgres({ dataDir: path.join(dir, "pg"), log });
  await ensureDatabase(pg.url("postgres"), name);
  return {
    url: pg.url(name),
    label: `embedded, port ${pg.port}`,
    stop: async () => {
      await pg.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
