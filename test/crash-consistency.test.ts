import { spawn } from "node:child_process";
import { lstatSync, mkdtempSync, readlinkSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@/db/client";
import { startEmbeddedPostgres, type EmbeddedServer } from "@/db/embedded";
import { ensureDatabase, runMigrations } from "@/db/setup";
import { makeReservable, makeReservationProduct } from "@/lib/reservations/testing";
import { setupTestDb } from "@/test/db";
import { seedDemo } from "@/test/factories";
import { invariantViolations, type Acknowledged } from "@/test/invariants";
import { demoIds, setStock } from "@/test/orders-fixtures";

/**
 * SIGKILL in the middle of a storm, then the invariants: every write that was acknowledged (the
 * verb returned: the API's 201/202) exists, no stock is reserved by an order that does not exist,
 * and every level equals its ledger. Real processes: the storm (test/fixtures/storm.ts, the verbs the
 * routes call), the reservation worker (lib/worker/main.ts) and, for the whole shop, PostgreSQL.
 */
const t = setupTestDb();
const cleanup: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const f of cleanup.reverse()) await f();
});

function spawnTs(entry: string, env: Record<string, string>) {
  const child = spawn(process.execPath, ["--import", "tsx", entry], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  cleanup.push(() => void (child.exitCode === null && child.signalCode === null && child.kill("SIGKILL")));
  let out = "";
  let err = "";
  child.stdout!.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (err = (err + d.toString()).slice(-4000)));
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  return { child, exited, out: () => out, err: () => err };
}

const acked = (out: string, kind: string) =>
  out.split("\n").filter((l) => l.startsWith(`${kind} `)).map((l) => l.slice(kind.length + 1).trim());

async function until(cond: () => boolean, ms: number, what: string, child: { err: () => string }) {
  const deadline = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${child.err()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The invariants (test/invariants.ts), after the crash, on the database as it came back. */
async function checkInvariants(db: Db, ack: Acknowledged) {
  expect(await invariantViolations(db, ack)).toEqual([]);
}

async function prepareShop(db: Db) {
  await seedDemo(db);
  const ids = await demoIds(db);
  await setStock(db, ids.loc("HUB-BUNDANG"), ids.variant("SM-S931N-1-1"), 100_000);
}

describe("SIGKILL in the middle of an order storm", () => {
  it("of the process placing orders: every acknowledged order exists, reserved = open orders, levels = ledger", async () => {
    await prepareShop(t.db);
    const storm = spawnTs("test/fixtures/storm.ts", { DATABASE_URL: t.url });
    await until(() => acked(storm.out(), "order").length >= 40, 90_000, "40 orders", storm);
    storm.child.kill("SIGKILL");
    await storm.exited;
    const orders = acked(storm.out(), "order");
    await checkInvariants(t.db, { orders, reservations: [] });
    // Something was in flight when it died (more orders were under way than were acknowledged).
    const [row] = await t.db.execute<{ n: number }>(sql`select count(*)::int as n from payments`);
    expect(row!.n).toBeGreaterThanOrEqual(orders.length);
  });

  it("of the whole shop (storm, worker, and PostgreSQL itself), during a launch too: the same after a restart", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "hub-crash-"));
    const dataDir = path.join(dir, "pg");
    let server: EmbeddedServer = await startEmbeddedPostgres({ dataDir, log: () => {} });
    cleanup.push(async () => {
      await server.stop();
      if (lstatSync(dataDir, { throwIfNoEntry: false })?.isSymbolicLink()) rmSync(path.dirname(readlinkSync(dataDir)), { recursive: true, force: true });
      rmSync(dir, { recursive: true, force: true });
    });
    await ensureDatabase(server.url("postgres"), "hub");
    const url = server.url("hub");
    await runMigrations(url);
    let pool = createDb(url, { max: 4 });
    await prepareShop(pool.db);
    const product = await makeReservationProduct(pool.db);
    const launch = await makeReservable(pool.db, { ...product, capacity: 150 });
    await pool.sql.end();

    const storm = spawnTs("test/fixtures/storm.ts", { DATABASE_URL: url, STORM_RESERVABLE: launch.id });
    const worker = spawnTs("lib/worker/main.ts", { DATABASE_URL: url, RESERVATION_GRACE_MS: "0", RESERVATION_BATCH_SIZE: "7" });
    await until(
      () => acked(storm.out(), "order").length >= 40 && acked(storm.out(), "reservation").length >= 60,
      120_000,
      "40 orders and 60 reservation requests",
      storm,
    );
    // All at once, as a power cut would.
    storm.child.kill("SIGKILL");
    worker.child.kill("SIGKILL");
    process.kill(server.pid, "SIGKILL");
    await Promise.all([storm.exited, worker.exited, server.exited]);

    // `npm start` again: the server recovers from its log.
    server = await startEmbeddedPostgres({ dataDir, port: server.port, log: () => {} });
    pool = createDb(server.url("hub"), { max: 4 });
    cleanup.push(() => pool.sql.end({ timeout: 1 }));
    await checkInvariants(pool.db, { orders: acked(storm.out(), "order"), reservations: acked(storm.out(), "reservation") });
  });
});
