import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { truncateAll } from "@/db/seed";
import type { Db } from "@/db/client";
import { setupTestDb } from "@/test/db";
import { DemoAccountsInProduction, prepareData } from "./startup";

const t = setupTestDb();
const userCount = async () => (await t.db.execute<{ n: number }>(sql`select count(*)::int as n from users`))[0]!.n;
const db = () => t.db as Db;

describe("what npm start does to the data", () => {
  it("never seeds DATABASE_URL on its own, even empty", async () => {
    await truncateAll(db());
    expect(await prepareData(db(), { embedded: false, env: {} })).toBe("kept");
    expect(await userCount()).toBe(0);
  });

  it("starts a production database without demo accounts", async () => {
    await truncateAll(db());
    await t.db.execute(sql`insert into users (email, name, role, password_hash) values ('ops@example.com', 'Ops', 'customer', 'x')`);
    const env = { NODE_ENV: "production" };
    expect(await prepareData(db(), { embedded: false, env })).toBe("kept");
  });

  it("seeds DATABASE_URL when asked (HUB_SEED_DEMO=1 on an empty one, HUB_RESEED=1 always)", async () => {
    await truncateAll(db());
    expect(await prepareData(db(), { embedded: false, env: { HUB_SEED_DEMO: "1" } })).toBe("seeded");
    expect(await userCount()).toBeGreaterThan(0);
    // Not empty any more: HUB_SEED_DEMO does not reset it.
    expect(await prepareData(db(), { embedded: false, env: { HUB_SEED_DEMO: "1" } })).toBe("kept");
    expect(await prepareData(db(), { embedded: false, env: { HUB_RESEED: "1" } })).toBe("seeded");
  });

  it("refuses to start in production with a demo account, in one sentence naming it", async () => {
    const env = { NODE_ENV: "production" };
    const err = await prepareData(db(), { embedded: false, env }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DemoAccountsInProduction);
    expect((err as Error).message).toMatch(/^Refusing to start in production: .*customer@demo\.test.*\.$/);
    expect((err as Error).message.split(". ").length).toBe(1);
  });

  it("seeds the embedded default on its first start (the e2e/CI path), and keeps it after", async () => {
    await truncateAll(db());
    expect(await prepareData(db(), { embedded: true, env: {} })).toBe("seeded");
    expect(await prepareData(db(), { embedded: true, env: { NODE_ENV: "production" } })).toBe("kept");
    expect(await prepareData(db(), { embedded: true, env: { HUB_RESEED: "1" } })).toBe("seeded");
  });
});
