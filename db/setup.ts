import path from "node:path";
import postgres from "postgres";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import { connectionTarget, createDb, directDatabaseUrl } from "./client";
import { embeddedDataDir, startEmbeddedPostgres, type EmbeddedServer } from "./embedded";

export const MIGRATIONS = path.resolve(process.cwd(), "db/migrations");

/**
 * Applies the migrations not yet applied. Several instances may start at once: the first to take the
 * lock migrates, the others wait for it and then find nothing left to do (without it, two would run the
 * same DDL and one would fail its start). The lock is the session's (one connection, `max: 1`), so
 * `url` must reach PostgreSQL itself, not a pooler (DATABASE_DIRECT_URL); it goes with the session.
 */
export async function runMigrations(url: string) {
  if (connectionTarget(url).pooled) throw new Error("Migrations need a direct connection to PostgreSQL (DATABASE_DIRECT_URL), not a pooler.");
  const { db, sql } = createDb(url, { max: 1, timeouts: false });
  try {
    await sql`select pg_advisory_lock(hashtext('hub-commerce migrations'))`;
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
 * under `.data/pg`. Returns the URL, the direct one (DATABASE_DIRECT_URL, for LISTEN and migrations,
 * when DATABASE_URL goes through a pooler; throws when a pooled one has none) and, for the embedded
 * one, how to stop it.
 */
export async function provideDatabase(
  log: (m: string) => void,
): Promise<{ url: string; directUrl: string; embedded?: EmbeddedServer }> {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, directUrl: directDatabaseUrl() };
  const embedded = await startEmbeddedPostgres({
    dataDir: embeddedDataDir(),
    port: Number(process.env.HUB_PG_PORT ?? 54329),
    log,
  });
  await ensureDatabase(embedded.url("postgres"), "hub");
  return { url: embedded.url("hub"), directUrl: embedded.url("hub"), embedded };
}
