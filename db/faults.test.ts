import { existsSync, lstatSync, mkdtempSync, readlinkSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { toProblemResponse } from "@/lib/http/problem";
import { seedDemo } from "@/test/factories";
import { invariantViolations } from "@/test/invariants";
import { demoIds, setStock } from "@/test/orders-fixtures";
import { Hung, orderTraffic, serverProcesses, signalAll, sleep, timed, until } from "@/test/pg-faults";
import { backupCluster, restoreCluster } from "./backup";
import { createDb, isDatabaseUnavailable, type Db, type Tx } from "./client";
import { clusterLocation, pgCtl, serverArgs, startEmbeddedPostgres, superviseEmbedded, type EmbeddedServer } from "./embedded";
import { pipelinedTransaction } from "./raw";
import { ensureDatabase, runMigrations } from "./setup";

/**
 * The database going away under the client: a server of its own (stopping or killing the shared
 * test server would break the other files), stopped with SIGSTOP (hung: it accepts connections and
 * says nothing), wholly or in part, killed with SIGKILL, restarted with pg_ctl under traffic, and
 * backed up while it takes orders.
 */
const dir = mkdtempSync(path.join(os.tmpdir(), "hub-faults-"));
const dataDir = path.join(dir, "pg");
let server: EmbeddedServer;
let supervisor: ReturnType<typeof superviseEmbedded>;
const restarted: EmbeddedServer[] = [];
const gaveUp: string[] = [];
/** Removers of what a test leaves behind it (a server pg_ctl started, a restored cluster). */
const leftovers: (() => Promise<void> | void)[] = [];

/** Removes a data directory and, when it is a link into SHARED_ROOT (run as root), what it links to. */
function removeDataDir(d: string) {
  if (lstatSync(d, { throwIfNoEntry: false })?.isSymbolicLink()) rmSync(path.dirname(readlinkSync(d)), { recursive: true, force: true });
  rmSync(d, { recursive: true, force: true });
}

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
  for (const f of leftovers.reverse()) await f();
  await supervisor?.stop();
  removeDataDir(dataDir);
  rmSync(dir, { recursive: true, force: true });
});

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

/**
 * Some of PostgreSQL's processes stopped while the rest answer: the stall watch's probe (on a backend
 * of its own) says "alive", and a stopped backend acts on neither statement_timeout nor a cancel. The
 * query ceiling bounds the wait; the connection is closed, and the pool carries on on a new one.
 */
describe("a backend stopped while the rest of the server answers (partial SIGSTOP)", () => {
  // The ceiling past a statement limit of 400 ms, as DB_QUERY_CEILING_MS would set it; the probe answers in time.
  const limits = { statementMs: 400, lockMs: 300, queryCeilingMs: 900, stallMs: 200, probeMs: 400 };
  const stopped: number[] = [];
  const stop = (pid: number) => {
    stopped.push(pid);
    process.kill(pid, "SIGSTOP");
  };
  afterAll(() => signalAll(stopped, "SIGCONT"));
  const pidOf = async (db: Db | Tx) =>
    (await db.execute<{ pid: number }>(sql`select pg_backend_pid() as pid`))[0]!.pid;
  /** Failed as 503, past the ceiling (not cut earlier) and within it plus a second. */
  const boundedBy = (r: { ms: number; error: unknown }, ceiling = limits.queryCeilingMs) => {
    expect(isDatabaseUnavailable(r.error)).toBe(true);
    expect(r.ms).toBeGreaterThanOrEqual(ceiling - 50);
    expect(r.ms).toBeLessThan(ceiling + 1000);
  };

  it("the backend serving a request: a query, a transaction, a pipelined one and a BEGIN each fail at the ceiling; the pool goes on on new connections", async () => {
    const { db, sql: client } = createDb(server.url("postgres"), { max: 1, timeouts: limits });
    try {
      await db.execute(sql`create table if not exists partial_probe (n int)`);
      const seen = new Set<number>();
      /** The next statement on the pool, on a connection not seen before, promptly. */
      const fresh = async () => {
        const r = await timed(pidOf(db));
        expect(r.error).toBeNull();
        expect(r.ms).toBeLessThan(1500);
        expect(seen.has(r.value!)).toBe(false);
        seen.add(r.value!);
      };

      const a = await pidOf(db);
      seen.add(a);
      stop(a);
      const query = await timed(db.execute(sql`select 1`));
      boundedBy(query);
      vi.spyOn(console, "warn").mockImplementation(() => {});
      expect(toProblemResponse(query.error).status).toBe(503);
      await fresh();

      const tx = await timed(
        db.transaction(async (t) => {
          stop(await pidOf(t));
          await t.execute(sql`insert into partial_probe values (1)`);
        }),
      );
      boundedBy(tx);
      await fresh();

      const pipelined = await timed(
        pipelinedTransaction(db, async (conn) => {
          const [row] = await conn.unsafe<{ pid: number }[]>("select pg_backend_pid() as pid");
          stop(row!.pid);
          return { result: null, last: [{ text: "insert into partial_probe values (2)", params: [] }] };
        }),
      );
      boundedBy(pipelined);
      await fresh();

      // Stopped while idle in the pool: the next transaction's BEGIN (postgres-js's own statement) waits on it.
      const idle = await pidOf(db);
      seen.add(idle);
      stop(idle);
      const begin = await timed(db.transaction(async (t) => void (await t.execute(sql`select 1`))));
      boundedBy(begin);
      // Its socket is closed by the once-a-second sweep of connections that waited past the ceiling.
      const after = await timed(pidOf(db));
      expect(after.error).toBeNull();
      expect(after.ms).toBeLessThan(2000);
      expect(seen.has(after.value!)).toBe(false);
      console.log(
        `one backend stopped: query ${query.ms} ms, transaction ${tx.ms} ms, pipelined ${pipelined.ms} ms, BEGIN ${begin.ms} ms (ceiling ${limits.queryCeilingMs}); the next statement after BEGIN ${after.ms} ms`,
      );
    } finally {
      await client.end({ timeout: 1 });
    }
  });

  it("every backend but the postmaster: 503 within the ceiling, then the pool answers on new backends while the old ones stay stopped", async () => {
    const { db, sql: client } = createDb(server.url("postgres"), { max: 2, timeouts: limits });
    const admin = postgres(server.url("postgres"), { max: 1, onnotice: () => {} });
    try {
      await Promise.all([db.execute(sql`select pg_sleep(0.05)`), db.execute(sql`select pg_sleep(0.05)`)]); // both connections open
      await sleep(300); // and the probe's
      const backends = (await admin<{ pid: number }[]>`select pid from pg_stat_activity where backend_type = 'client backend'`).map((r) => r.pid);
      expect(backends.length).toBeGreaterThanOrEqual(4); // the pool's two, the probe's, the admin's
      const t0 = Date.now();
      for (const pid of backends) stop(pid);
      const first = await timed(Promise.all([db.execute(sql`select 1`), db.execute(sql`select 2`)]));
      expect(isDatabaseUnavailable(first.error)).toBe(true);
      expect(first.ms).toBeLessThan(limits.queryCeilingMs + 1000);
      let back: number | null = null;
      while (Date.now() - t0 < limits.queryCeilingMs + 3000) {
        const r = await timed(db.execute(sql`select 1`));
        if (!r.error) {
          back = Date.now() - t0;
          break;
        }
        expect(isDatabaseUnavailable(r.error)).toBe(true);
        expect(r.ms).toBeLessThan(limits.queryCeilingMs + 1000);
      }
      console.log(`every client backend stopped: first answer ${first.ms} ms (503); the pool answered again after ${back} ms`);
      expect(back).not.toBeNull();
    } finally {
      await client.end({ timeout: 1 });
      await admin.end({ timeout: 1 });
    }
  });

  it("a backend holding a row lock others wait for: the waiters fail at lock_timeout, the holder at the ceiling, all 503", async () => {
    const { db, sql: client } = createDb(server.url("postgres"), { max: 3, timeouts: limits });
    try {
      await db.execute(sql`create table if not exists partial_lock (id int primary key, n int)`);
      await db.execute(sql`insert into partial_lock values (1, 0) on conflict (id) do update set n = 0`);
      let locked!: () => void;
      const holding = new Promise<void>((r) => (locked = r));
      const holder = timed(
        db.transaction(async (t) => {
          await t.execute(sql`select * from partial_lock where id = 1 for update`);
          stop(await pidOf(t));
          locked();
          await t.execute(sql`update partial_lock set n = n + 1 where id = 1`);
        }),
      );
      await holding;
      const waiters = await Promise.all([1, 2].map(() => timed(db.execute(sql`update partial_lock set n = n + 10 where id = 1`))));
      for (const w of waiters) {
        expect(isDatabaseUnavailable(w.error)).toBe(true); // 55P03, lock_timeout
        expect(w.ms).toBeLessThan(limits.lockMs + 600);
      }
      const h = await holder;
      expect(isDatabaseUnavailable(h.error)).toBe(true);
      expect(h.ms).toBeLessThan(limits.queryCeilingMs + 1500);
      console.log(`a lock holder stopped: waiters ${waiters.map((w) => w.ms).join(", ")} ms (lock_timeout ${limits.lockMs}), the holder ${h.ms} ms`);
      // Let it go: it finds its client gone and rolls back, and the row is free again.
      signalAll(stopped.splice(0), "SIGCONT");
      let free = await timed(db.execute(sql`update partial_lock set n = n + 100 where id = 1`));
      for (let i = 0; free.error && i < 10; i++) {
        await sleep(100); // it may take a moment to notice its client is gone
        free = await timed(db.execute(sql`update partial_lock set n = n + 100 where id = 1`));
      }
      expect(free.error).toBeNull();
      const [row] = await db.execute<{ n: number }>(sql`select n from partial_lock where id = 1`);
      expect(row!.n).toBe(100);
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

/**
 * From here on the server is an operator's: the supervisor stops (it would start its own server the moment
 * pg_ctl's restart stopped this one), and pg_ctl runs it on the same data and port, with the shop's schema
 * and demo data, for the restarts and the backup below.
 */
describe("PostgreSQL restarted during traffic (pg_ctl)", () => {
  let url: string;
  let port: number;
  // The cluster itself: run as root, PostgreSQL's account cannot pass through this file's private folder.
  const real = () => clusterLocation(dataDir).dir;
  const ctl = (...args: string[]) => pgCtl(real(), args);
  const log = () => path.join(real(), "pg_ctl.log");
  const start = () => ctl("start", "-w", "-t", "60", "-l", log(), "-o", serverArgs(port).join(" "));

  beforeAll(async () => {
    await supervisor.stop();
    port = supervisor.current().port;
    await start();
    leftovers.push(() => ctl("stop", "-m", "fast", "-w").catch(() => {}));
    const admin = `postgres://hub:hub-local@127.0.0.1:${port}/postgres`;
    await ensureDatabase(admin, "hub");
    url = admin.replace(/\/postgres$/, "/hub");
    const t0 = Date.now();
    await runMigrations(url);
    const { db, sql: client } = createDb(url, { max: 2, timeouts: false });
    await seedDemo(db);
    const ids = await demoIds(db);
    await setStock(db, ids.loc("HUB-BUNDANG"), ids.variant("SM-S931N-1-1"), 1_000_000);
    await client.end();
    console.log(`the shop's schema and demo data on the faults server: ${Date.now() - t0} ms`);
  }, 120_000);

  it("a fast restart and an immediate stop/start: every call in between answers 503 within 5 s, the pool recovers unaided, every invariant holds", async () => {
    const { db, sql: client } = createDb(url, { max: 6 });
    try {
      const traffic = await orderTraffic(db, { workers: 4, boundMs: 8000 });
      await until(() => traffic.acked.length >= 10, 20_000, "10 orders before the restart");
      const phases: Record<string, number> = {};

      let t = Date.now();
      await ctl("restart", "-m", "fast", "-w", "-t", "60", "-l", log());
      phases["pg_ctl restart -m fast"] = Date.now() - t;
      let back = Date.now();
      await until(() => traffic.okSince(back) >= 3, 15_000, "orders after the fast restart");
      phases["first orders after it"] = Date.now() - back;

      t = Date.now();
      await ctl("stop", "-m", "immediate", "-w");
      await sleep(300); // away for a moment: connections are refused
      await start(); // crash recovery from the WAL
      phases["immediate stop, start"] = Date.now() - t;
      back = Date.now();
      await until(() => traffic.okSince(back) >= 3, 15_000, "orders after the immediate stop");
      phases["first orders after that"] = Date.now() - back;
      await traffic.stop();

      const failed = traffic.calls.filter((c) => c.error);
      const other = failed.filter((c) => !isDatabaseUnavailable(c.error));
      const slowest = Math.max(...traffic.calls.map((c) => c.ms));
      console.log(
        `restarts under traffic: ${traffic.calls.length} calls, ${traffic.acked.length} orders, ${failed.length} answered 503, ` +
          `${other.length} otherwise; slowest call ${slowest} ms; ${Object.entries(phases).map(([k, v]) => `${k} ${v} ms`).join(", ")}`,
      );
      expect(other.map((c) => (c.error instanceof Hung ? "hung" : String(c.error)))).toEqual([]);
      expect(failed.length).toBeGreaterThan(0); // the restarts were felt
      expect(slowest).toBeLessThan(5000);
      vi.spyOn(console, "warn").mockImplementation(() => {});
      for (const c of failed.slice(0, 20)) expect(toProblemResponse(c.error).status).toBe(503);
      expect(await invariantViolations(db, { orders: traffic.acked, reservations: [] })).toEqual([]);
      // Nothing half-written: no order left open whose payment was voided (its COMMIT's answer lost, the
      // hold released, and the order committed after all).
      const [half] = await db.execute<{ n: number }>(sql`
        select count(*)::int as n from orders o join payments p on p.ref_id = o.id and p.purpose = 'order'
        where p.status in ('voided', 'declined')
          and exists (select 1 from seller_orders so where so.order_id = o.id and so.status <> 'cancelled')`);
      expect(half!.n).toBe(0);
    } finally {
      await client.end({ timeout: 1 });
    }
  });

  it("npm run db:backup while orders are placed; restored into a new data directory it starts, consistent, with every order from before the backup", async () => {
    const { db, sql: client } = createDb(url, { max: 6 });
    const restoredDir = path.join(dir, "restored");
    leftovers.push(() => removeDataDir(restoredDir));
    try {
      const traffic = await orderTraffic(db, { workers: 3, boundMs: 8000 });
      await until(() => traffic.acked.length >= 5, 20_000, "orders before the backup");
      const before = [...traffic.acked];
      // A row committed before pg_backup_start.
      const marker = `before-${Date.now()}`;
      await db.execute(sql`create table if not exists backup_marker (id text primary key)`);
      await db.execute(sql`insert into backup_marker values (${marker})`);
      const file = path.join(dir, "hub-backup.tar.gz");
      const r = await backupCluster({ url: `postgres://hub:hub-local@127.0.0.1:${port}/postgres`, dataDir: real(), file, log: (m) => console.log(m) });
      const during = traffic.acked.length - before.length;
      await traffic.stop();
      console.log(`online backup: ${r.ms} ms, ${(r.bytes / 1e6).toFixed(1)} MB, ${r.walSegments} WAL segment(s), ${during} orders placed meanwhile`);
      expect(existsSync(file)).toBe(true);

      let t0 = Date.now();
      const restored = await restoreCluster({ file, dataDir: restoredDir });
      console.log(`restored in ${Date.now() - t0} ms`);
      expect(restored.keptAside).toBeNull();
      t0 = Date.now();
      const copy = await startEmbeddedPostgres({ dataDir: restoredDir, log: () => {} });
      leftovers.push(() => copy.stop());
      const pool = createDb(copy.url("hub"), { max: 2 });
      leftovers.push(() => pool.sql.end({ timeout: 1 }));
      console.log(`the restored copy started (recovered from its WAL) in ${Date.now() - t0} ms`);
      expect(await invariantViolations(pool.db, { orders: before, reservations: [] })).toEqual([]);
      const [found] = await pool.db.execute<{ n: number }>(sql`select count(*)::int as n from backup_marker where id = ${marker}`);
      expect(found!.n).toBe(1);
    } finally {
      await client.end({ timeout: 1 });
    }
  });
});
