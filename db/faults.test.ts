import { lstatSync, mkdtempSync, readFileSync, readlinkSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { toProblemResponse } from "@/lib/http/problem";
import { createDb, isDatabaseUnavailable } from "./client";
import { startEmbeddedPostgres, superviseEmbedded, type EmbeddedServer } from "./embedded";
import { pipelinedTransaction } from "./raw";

/**
 * The database going away under the client: a server of its own (stopping or killing the shared
 * test server would break the other files), stopped with SIGSTOP (hung: it accepts connections and
 * says nothing), and killed with SIGKILL.
 */
const dir = mkdtempSync(path.join(os.tmpdir(), "hub-faults-"));
const dataDir = path.join(dir, "pg");
let server: EmbeddedServer;
let supervisor: ReturnType<typeof superviseEmbedded>;
const restarted: EmbeddedServer[] = [];
const gaveUp: string[] = [];

beforeAll(async () => {
  server = await startEmbeddedPostgres({ dataDir, log: () => {} });
  supervisor = superviseEmbedded(server, {
    dataDir,
    log: () => {},
    onGiveUp: (m) => gaveUp.push(m),
    onRestarted: (s) => restarted.push(s),
  });
}, 120_000);
afterAll(async () => {
  await supervisor?.stop();
  if (lstatSync(dataDir, { throwIfNoEntry: false })?.isSymbolicLink()) rmSync(path.dirname(readlinkSync(dataDir)), { recursive: true, force: true });
  rmSync(dir, { recursive: true, force: true });
});

/** The postmaster and every process it started (backends, checkpointer, …). */
function serverProcesses(pid: number): number[] {
  const kids = (p: number): number[] => {
    try {
      const ids = readFileSync(`/proc/${p}/task/${p}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
      return ids.flatMap((k) => [k, ...kids(k)]);
    } catch {
      return [];
    }
  };
  return [pid, ...kids(pid)];
}
const signalAll = (pids: number[], signal: NodeJS.Signals) => {
  for (const p of pids) {
    try {
      process.kill(p, signal);
    } catch {
      /* already gone */
    }
  }
};

async function timed<T>(p: Promise<T>): Promise<{ ms: number; error: unknown }> {
  const t0 = Date.now();
  try {
    await p;
    return { ms: Date.now() - t0, error: null };
  } catch (error) {
    return { ms: Date.now() - t0, error };
  }
}

describe("a database that stops answering (SIGSTOP)", () => {
  it("fails every kind of wait within 5 s as 503, writes nothing it gave up on, and recovers by itself", async () => {
    const { db, sql: client } = createDb(server.url("postgres"), { max: 2 });
    try {
      await db.execute(sql`create table if not exists stall_probe (n int)`);
      await db.execute(sql`select 1`); // both connections open
      const stopped = serverProcesses(server.pid);
      signalAll(stopped, "SIGSTOP");
      let resumed = false;
      try {
        const [query, tx, reserved, queued] = await Promise.all([
          timed(db.execute(sql`select 1`)),
          timed(db.transaction(async (t) => void (await t.execute(sql`insert into stall_probe values (1)`)))),
          timed(pipelinedTransaction(db, async (conn) => ({ result: await conn.unsafe("insert into stall_probe values (2)") }))),
          // More than the pool holds: this one waits for a connection (the acquire).
          timed(Promise.all([db.execute(sql`select 2`), db.execute(sql`select 3`), db.execute(sql`select 4`)])),
        ]);
        console.log(`stalled: query ${query.ms} ms, transaction ${tx.ms} ms, reserved ${reserved.ms} ms, waiting for a connection ${queued.ms} ms`);
        for (const r of [query, tx, reserved, queued]) {
          // drizzle wraps it in its DrizzleQueryError, as the cause.
          expect(isDatabaseUnavailable(r.error)).toBe(true);
          expect(r.ms).toBeLessThan(5000);
        }
        // Known down now: the next wait is not held a second full stall (a page's error page queries again).
        const again = await timed(db.execute(sql`select 5`));
        expect(isDatabaseUnavailable(again.error)).toBe(true);
        expect(again.ms).toBeLessThan(1500);
        console.log(`stalled, the next query: ${again.ms} ms`);
        vi.spyOn(console, "warn").mockImplementation(() => {});
        const res = toProblemResponse(query.error);
        expect([res.status, res.headers.get("content-type"), (await res.json()).code]).toEqual([
          503,
          "application/problem+json",
          "db.unavailable",
        ]);
        signalAll(stopped, "SIGCONT");
        resumed = true;
      } finally {
        if (!resumed) signalAll(stopped, "SIGCONT");
      }
      // Back by itself: the same pool answers, and what it gave up on was not written later.
      const deadline = Date.now() + 10_000;
      for (;;) {
        try {
          await db.execute(sql`select 1`);
          break;
        } catch (e) {
          if (Date.now() > deadline) throw e;
          await new Promise((r) => setTimeout(r, 200));
        }
      }
      await new Promise((r) => setTimeout(r, 500));
      const [row] = await db.execute<{ n: number }>(sql`select count(*)::int as n from stall_probe`);
      expect(row!.n).toBe(0);
    } finally {
      await client.end({ timeout: 1 });
    }
  });

  it("never cuts a slow statement on a server that answers", async () => {
    const { db, sql: client } = createDb(server.url("postgres"), { max: 2, timeouts: { stallMs: 300, probeMs: 1000 } });
    try {
      const r = await timed(db.execute(sql`select pg_sleep(1.5)`));
      expect(r.error).toBeNull();
      expect(r.ms).toBeGreaterThanOrEqual(1500);
    } finally {
      await client.end({ timeout: 1 });
    }
  });

  it("bounds a statement and a lock wait by the server's own limits, answered 503", async () => {
    const { db, sql: client } = createDb(server.url("postgres"), { max: 2, timeouts: { statementMs: 300, lockMs: 200 } });
    try {
      const slow = await timed(db.execute(sql`select pg_sleep(5)`));
      expect(slow.ms).toBeLessThan(2000);
      expect((slow.error as { cause?: { code?: string } }).cause?.code).toBe("57014");
      vi.spyOn(console, "warn").mockImplementation(() => {});
      expect(toProblemResponse(slow.error).status).toBe(503);
    } finally {
      await client.end({ timeout: 1 });
    }
  });
});

describe("an embedded server killed with SIGKILL", () => {
  it("is started again on its port and data, and the pools carry on with every committed row", async () => {
    const { db, sql: client } = createDb(server.url("postgres"), { max: 2 });
    try {
      await db.execute(sql`create table if not exists kill_probe (n int)`);
      await db.execute(sql`insert into kill_probe values (1), (2), (3)`);
      const first = supervisor.current();
      process.kill(first.pid, "SIGKILL");
      await first.exited;
      // While it is away, the client fails fast rather than hanging.
      const away = await timed(db.execute(sql`select 1`));
      expect(away.ms).toBeLessThan(5000);
      const deadline = Date.now() + 40_000;
      while (supervisor.current() === first) {
        if (Date.now() > deadline) throw new Error(`not restarted: ${gaveUp.join("; ")}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(supervisor.current().port).toBe(first.port);
      expect(restarted).toHaveLength(1);
      // The same pool reconnects to the new server; the committed rows came back from the WAL.
      let rows: { n: number }[] = [];
      for (let i = 0; ; i++) {
        try {
          rows = await db.execute<{ n: number }>(sql`select count(*)::int as n from kill_probe`);
          break;
        } catch (e) {
          if (i > 50) throw e;
          await new Promise((r) => setTimeout(r, 200));
        }
      }
      expect(rows[0]!.n).toBe(3);
      expect(gaveUp).toEqual([]);
    } finally {
      await client.end({ timeout: 1 });
    }
  });
});
