import type { TestProject } from "vitest/node";
import { startEmbeddedPostgres } from "@/db/embedded";
import { ensureDatabase, runMigrations } from "@/db/setup";

export const TEMPLATE_DB = "hub_template";

/**
 * Once per test run: a real PostgreSQL (the embedded one, or TEST_DATABASE_ADMIN_URL's server), and a
 * template database migrated once. Each test file then gets a fresh copy of it (test/db.ts).
 */
export default async function setup(project: TestProject) {
  let adminUrl = process.env.TEST_DATABASE_ADMIN_URL;
  let stop: (() => Promise<void>) | undefined;
  if (!adminUrl) {
    const server = await startEmbeddedPostgres({ dataDir: ".data/test-pg", port: 54400 + (process.pid % 500), log: () => {} });
    adminUrl = server.url("postgres");
    stop = server.stop;
  }
  const postgres = (await import("postgres")).default;
  const sql = postgres(adminUrl, { max: 1, onnotice: () => {} });
  // Leftovers of an interrupted run.
  const old = await sql<{ datname: string }[]>`select datname from pg_database where datname like 'hub_test_%' or datname = ${TEMPLATE_DB}`;
  for (const { datname } of old) await sql.unsafe(`drop database if exists "${datname}" with (force)`);
  await sql.end();
  await ensureDatabase(adminUrl, TEMPLATE_DB);
  await runMigrations(adminUrl.replace(/\/[^/]*$/, `/${TEMPLATE_DB}`));
  project.provide("pgAdminUrl", adminUrl);
  return async () => {
    await stop?.();
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    pgAdminUrl: string;
  }
}
