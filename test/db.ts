import { randomUUID } from "node:crypto";
import postgres from "postgres";
import { afterAll, beforeAll, inject } from "vitest";
import { createDb, type Db } from "@/db/client";

const TEMPLATE_DB = "hub_template";

export type TestDb = { db: Db; url: string; sql: ReturnType<typeof postgres> };

/**
 * A fresh database for this test file, copied from the migrated template (a fast file copy), and made
 * the process's database so that route handlers and verbs under test use it. Dropped afterwards.
 */
export function setupTestDb(): TestDb {
  const ctx = {} as TestDb;
  const name = `hub_test_${randomUUID().replace(/-/g, "").slice(0, 16)}`;
  let admin: ReturnType<typeof postgres>;
  beforeAll(async () => {
    const adminUrl = inject("pgAdminUrl");
    admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database "${name}" template "${TEMPLATE_DB}"`);
    ctx.url = adminUrl.replace(/\/[^/]*$/, `/${name}`);
    process.env.DATABASE_URL = ctx.url;
    const created = createDb(ctx.url, { max: 30 });
    // Route handlers call getDb(): point the process-wide pool at this file's database.
    (globalThis as unknown as { __hubDb?: ReturnType<typeof createDb> }).__hubDb = created;
    ctx.db = created.db;
    ctx.sql = created.sql;
  });
  afterAll(async () => {
    await ctx.sql?.end({ timeout: 5 });
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.end();
  });
  return ctx;
}
