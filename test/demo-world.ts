import { afterEach, beforeAll, expect } from "vitest";
import type { UserActor } from "@/lib/auth/actor";
import { ledgerDrift } from "@/lib/inventory/queries";
import { setupTestDb, type TestDb } from "@/test/db";
import { demoActors, seedDemo } from "@/test/factories";
import { demoIds, type DemoIds } from "@/test/orders-fixtures";

// vitest hooks, so apart from test/orders-fixtures.ts, which Playwright and the benchmarks import too.

/**
 * This file's database (setupTestDb) with the demo world seeded: `const { t, ids, who } = setupDemoWorld()`.
 * `ids` and `who` (every demo account as an actor by name) are filled in before the file's own
 * beforeAll hooks run, so read them inside hooks and tests.
 */
export function setupDemoWorld() {
  const t = setupTestDb();
  const ids = {} as DemoIds;
  const who: Record<string, UserActor> = {};
  beforeAll(async () => {
    await seedDemo(t.db);
    Object.assign(ids, await demoIds(t.db));
    Object.assign(who, await demoActors(t.db));
  });
  return { t, ids, who };
}

/** After every test of this file, the ledger explains every stock level (on_hand = Σ deltas). */
export function checkLedgerAfterEach(t: TestDb) {
  afterEach(async () => {
    expect(await ledgerDrift(t.db)).toEqual([]);
  });
}
