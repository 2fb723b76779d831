import path from "node:path";
import postgres from "postgres";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import { createDb } from "./client";
import { startEmbeddedPostgres, type EmbeddedServer } from "./embedded";

export const MIGRATIONS = path.resolve(process.cwd(), "db/migrations");

export async function runMigrations(url: string) {
  const { db, sql } = createDb(url, { max: 1, timeouts: false });
  try {
    await migrate(db, { migrationsFolder: MIGRATIONS });
  } finally {
    await sql.end();
  }
}

/** Creates `name` on the server of `adminUrl` unless it exists. */
export async function ensureDatabase(adminUrl: string, name: string) {
  const sql = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    const rows = await sql`select 1 from pg_database where datname = ${name}`;
    if (rows.length === 0) await sql.unsafe(`create database "${name}"`);
  } finally {
    await sql.end();
  }
}

/**
 * The database the app runs on: DATABASE_URL when given, otherwise the embedded server with its data
 * under `.data/pg`. Returns the URL and, for the embedded one, how to stop it.
 */
export async function provideDatabase(log: (m: string) => void): Promise<{ url: string; embedded?: EmbeddedServer }> {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL };
  const embedded = await startEmbeddedPostgres({
    dataDir: process.env.HUB_DATA_DIR ?? ".data/pg",
    port: Number(process.env.HUB_PG_PORT ?? 54329),
    log,
  });
  await ensureDatabase(embedded.url("postgres"), "hub");
  return { url: embedded.url("hub"), embedded };
}
