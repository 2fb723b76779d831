import { drizzle, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import * as schema from "./schema";

export type Db = PostgresJsDatabase<typeof schema>;
/** A transaction, or the database itself where a verb is handed no transaction. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

export function databaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) {
    throw new Error("DATABASE_URL is not set. Start the shop with `npm start`, which provides one.");
  }
  return url;
}

export function createDb(url: string, opts: { max?: number } = {}) {
  const sql = postgres(url, {
    max: opts.max ?? Number(process.env.DB_POOL_MAX ?? 20),
    onnotice: () => {},
    // Times are timestamptz; the session stays in UTC and the UI formats in Asia/Seoul.
    connection: { TimeZone: "UTC", plan_cache_mode: "force_generic_plan" },
  });
  const db = drizzle(sql, { schema, casing: "snake_case" });
  return { db, sql };
}

// One pool per process, kept across hot reloads in development.
const g = globalThis as unknown as { __hubDb?: ReturnType<typeof createDb> };

export function getDb(): Db {
  g.__hubDb ??= createDb(databaseUrl());
  return g.__hubDb.db;
}

export function getSql() {
  g.__hubDb ??= createDb(databaseUrl());
  return g.__hubDb.sql;
}
