import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import postgres from "postgres";
import { expect, inject, it } from "vitest";
import { MIGRATIONS, runMigrations } from "./setup";

it("migrates once when two instances start at the same moment on a new database", async () => {
  const adminUrl = inject("pgAdminUrl");
  const name = `hub_test_${randomUUID().replace(/-/g, "").slice(0, 16)}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  const url = adminUrl.replace(/\/[^/]*$/, `/${name}`);
  try {
    const starts = await Promise.allSettled([runMigrations(url), runMigrations(url)]);
    expect(starts.map((s) => (s.status === "rejected" ? String(s.reason) : s.status))).toEqual(["fulfilled", "fulfilled"]);
    const journal = JSON.parse(readFileSync(path.join(MIGRATIONS, "meta/_journal.json"), "utf8")) as { entries: unknown[] };
    const db = postgres(url, { max: 1, onnotice: () => {} });
    const [row] = await db`select count(*)::int as n from drizzle.__drizzle_migrations`;
    await db.end();
    expect(row!.n).toBe(journal.entries.length);
  } finally {
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.end();
  }
});
