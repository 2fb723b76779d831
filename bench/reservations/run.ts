/**
 * `npm run bench:reservations`: the reservation benchmark, in one run, with durable commits throughout
 * (fsync and synchronous_commit stay on; the embedded server's settings are the app's own).
 *
 *  (a) naive baseline: one transaction per request, locking the reservable row, on one hot reservable
 *  (b) the batched worker deciding 5,000 pending requests on one hot reservable
 *  (c) 5,000 requests over 500 reservables, decided by 1 and by 2 workers
 *  (d) end to end over HTTP against `npm start` (web server + its worker): 2,000 POSTs on one hot
 *      reservable from 200 concurrent signed-in clients
 *
 * Uses DATABASE_URL's server when set (creating a `hub_bench` database), else its own embedded
 * PostgreSQL in a temporary directory. Stops everything it started.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { createWriteStream, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { createDb, type Db } from "@/db/client";
import { freePort, startEmbeddedPostgres } from "@/db/embedded";
import { seed } from "@/db/seed";
import { ensureDatabase, runMigrations } from "@/db/setup";
import { users } from "@/db/schema";
import { hashPassword } from "@/lib/auth/password";
import { requestReservation, submitReservationRequest } from "@/lib/reservations/request-reservation";
import { settleReservable } from "@/lib/reservations/settle-reservable";
import { makeCustomers, makeReservable, makeReservationProduct } from "@/lib/reservations/testing";
import { Client, send } from "../http-client";
import { stopProcessGroup } from "../process-group";

const log = (m: string) => console.log(m);
const fmt = (n: number, d = 0) =>
  n.toLocaleString("en-US", { maximumFractionDigits: d, minimumFractionDigits: d });
const cleanups: (() => Promise<void> | void)[] = [];

async function provide(): Promise<string> {
  if (process.env.DATABASE_URL) {
    const admin = process.env.DATABASE_URL;
    await ensureDatabase(admin, "hub_bench");
    return admin.replace(/\/[^/?]*(\?|$)/, "/hub_bench$1");
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), "hub-bench-pg-"));
  const pg = await startEmbeddedPostgres({ dataDir: dir, port: 55400 + (process.pid % 400), log: () => {} });
  cleanups.push(async () => {
    await pg.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  await ensureDatabase(pg.url("postgres"), "hub_bench");
  return pg.url("hub_bench");
}

async function settings(db: Db) {
  const rows = await db.execute<{ name: string; setting: string }>(
    sql`select name, setting from pg_settings where name in ('fsync', 'synchronous_commit', 'wal_sync_method', 'commit_delay', 'server_version')`,
  );
  return Object.fromEntries(rows.map((r) => [r.name, r.setting]));
}

async function insertPending(pool: Db, reservableIds: string[], customers: { id: string }[], n: number) {
  // Recorded through the verb, 50 at a time, like the request path (not timed).
  const jobs = Array.from({ length: n }, (_, i) => ({
    r: reservableIds[i % reservableIds.length]!,
    c: customers[i % customers.length]!,
  }));
  for (let i = 0; i < jobs.length; i += 500) {
    await Promise.all(
      jobs
        .slice(i, i + 500)
        .map((j) =>
          pool.transaction((tx) =>
            requestReservation(
              tx,
              { kind: "user", id: j.c.id, email: "", name: "", role: "customer", organisationId: null },
              { reservableId: j.r, quantity: 1 },
            ),
          ),
        ),
    );
  }
}

async function oversold(db: Db, ids: string[]) {
  const [row] = await db.execute<{ bad: number; pending: number }>(sql`
    select
      (select count(*)::int from reservables r where r.id = any(${sql.param(ids)}::uuid[]) and (r.taken > r.capacity or r.taken <>
        (select coalesce(sum(quantity), 0) from reservations x where x.reservable_id = r.id and x.status in ('confirmed', 'paid')))) as bad,
      (select count(*)::int from reservations where reservable_id = any(${sql.param(ids)}::uuid[]) and status = 'pending') as pending`);
  return row!;
}

/** (a) One transaction per request: lock the row, decide, write the decided request, commit. */
async function naive(
  pool: Db,
  reservableId: string,
  customers: { id: string }[],
  n: number,
  concurrency: number,
) {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < n; i = next++) {
        const c = customers[i % customers.length]!;
        await pool.transaction(async (tx) => {
          const [r] = await tx.execute<{ capacity: number; taken: number; hold_minutes: number }>(
            sql`select capacity, taken, hold_minutes from reservables where id = ${reservableId} for update`,
          );
          const ok = r!.taken < r!.capacity;
          await tx.execute(sql`
            insert into reservations (reservable_id, customer_id, quantity, status, reason, decided_at, hold_expires_at)
            values (${reservableId}, ${c.id}, 1, ${ok ? "confirmed" : "rejected"}, ${ok ? null : "sold_out"}, now(),
                    ${ok ? sql`now() + make_interval(mins => ${r!.hold_minutes})` : null})`);
          if (ok) await tx.execute(sql`update reservables set taken = taken + 1 where id = ${reservableId}`);
        });
      }
    }),
  );
  return performance.now() - started;
}

/** (b) The batched settle, as the worker runs it, until nothing is pending. */
async function batched(db: Db, reservableId: string) {
  const started = performance.now();
  let batches = 0;
  for (;;) {
    const r = await settleReservable(db, reservableId, { graceMs: 0, limit: 1000 });
    batches++;
    if (!r.more) break;
  }
  return { ms: performance.now() - started, batches };
}

/** `npm run worker` processes, started and ready before the requests appear. */
async function startWorkerProcesses(url: string, n: number) {
  const procs = Array.from({ length: n }, () =>
    spawn(process.execPath, ["--import", "tsx", "lib/worker/main.ts"], {
      env: {
        ...process.env,
        DATABASE_URL: url,
        RESERVATION_GRACE_MS: "0",
        RESERVATION_WORKER_CONCURRENCY: "4",
      },
      stdio: ["ignore", "pipe", "inherit"],
    }),
  );
  await Promise.all(
    procs.map(
      (p) =>
        new Promise<void>((resolve, reject) => {
          let out = "";
          p.stdout!.on("data", (d) => {
            out += String(d);
            if (out.includes("deciding reservations")) resolve();
          });
          p.once("exit", (code) => reject(new Error(`worker exited (${code})`)));
        }),
    ),
  );
  return async () => {
    await Promise.all(
      procs.map((p) => {
        if (p.exitCode !== null) return null;
        const exited = new Promise((r) => p.once("exit", r));
        p.kill("SIGTERM");
        return exited;
      }),
    );
  };
}

/**
 * (c) 5,000 requests over 500 reservables appear at once (one transaction commits them, then wakes
 * the workers, as the request path does), and `n` worker processes decide them.
 */
async function workers(
  url: string,
  db: Db,
  n: number,
  ids: string[],
  customerIds: string[],
  warmIds: string[],
) {
  const stop = await startWorkerProcesses(url, n);
  const appear = (rids: string[], count: number) =>
    db.transaction(async (tx) => {
      await tx.execute(sql`
        insert into reservations (reservable_id, customer_id, quantity, status, created_at)
        select (${sql.param(rids)}::uuid[])[1 + g % ${rids.length}], (${sql.param(customerIds)}::uuid[])[1 + g % ${customerIds.length}],
               1, 'pending', clock_timestamp()
        from generate_series(0, ${count - 1}) as g`);
      await tx.execute(
        sql`select pg_notify('reservation_requests', id::text) from unnest(${sql.param(rids)}::uuid[]) as id`,
      );
    });
  const drained = async (rids: string[]) => {
    for (;;) {
      const [row] = await db.execute<{ n: number }>(
        sql`select count(*)::int as n from reservations where status = 'pending' and reservable_id = any(${sql.param(rids)}::uuid[])`,
      );
      if (row!.n === 0) return;
      await new Promise((r) => setTimeout(r, 10));
    }
  };
  try {
    // Warm the workers up (a worker on launch day has been running), not measured.
    await appear(warmIds, 500);
    await drained(warmIds);
    await appear(ids, 5000);
    const started = performance.now();
    await drained(ids);
    return performance.now() - started;
  } finally {
    await stop();
  }
}

// ---------- (d) over HTTP ----------

function post(c: Client, reservableId: string): Promise<number> {
  return c.request("POST", "/api/reservations", { reservableId, quantity: 1 }).then((a) => a.status);
}

async function startServer(url: string): Promise<{ base: string; child: ChildProcess; logFile: string }> {
  const port = await freePort(3190);
  const logFile = path.join(os.tmpdir(), `hub-bench-server-${process.pid}.log`);
  const out = createWriteStream(logFile);
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
    env: {
      ...process.env,
      DATABASE_URL: url,
      PORT: String(port),
      HUB_DATA_DIR: path.join(os.tmpdir(), `hub-bench-unused-${process.pid}`),
      HUB_RESEED: "1",
      // each of the 200 clients sends far more than a shopper would: raise the limits (they are
      // still counted, so their cost is in the figure) rather than turn them off.
      HUB_RATE_CREATES_PER_MINUTE: "1000000",
      NEXTAUTH_SECRET: "bench-secret-0123456789abcdef0123456789",
      NEXTAUTH_URL: `http://localhost:${port}`,
    },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true, // its own process group, so stopping it stops next and the worker too
  });
  child.stdout!.pipe(out);
  child.stderr!.pipe(out);
  cleanups.push(() => stopProcessGroup(child, 10_000));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 240_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}); see ${logFile}`);
    try {
      if ((await send(`${base}/api/health`)).status === 200) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) throw new Error(`the server did not come up; see ${logFile}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return { base, child, logFile };
}

/** The request verb alone (no HTTP): what the database side of the request path can take. */
async function requestPathOnly(url: string, customers: { id: string }[], reservableId: string) {
  const pool = createDb(url, { max: 50, timeouts: false });
  const lat: number[] = [];
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: 200 }, async () => {
      for (let i = next++; i < 2000; i = next++) {
        const c = customers[i % customers.length]!;
        const s = performance.now();
        await submitReservationRequest(
          pool.db,
          { kind: "user", id: c.id, email: "", name: "", role: "customer", organisationId: null },
          { reservableId, quantity: 1 },
        );
        lat.push(performance.now() - s);
      }
    }),
  );
  const ms = performance.now() - t0;
  await new Promise((r) => setTimeout(r, 20));
  await pool.sql.end();
  return { rate: 2000 / (ms / 1000), p99: percentile(lat, 99) };
}

function percentile(xs: number[], p: number) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
}

type Fired = { latencies: number[]; statuses: Map<number, number>; lastAnswer: number; wallMs: number };

/** Each client sends 10 POSTs, back to back (closed loop), or one every `paceMs`. */
async function fire(clients: Client[], reservableId: string, paceMs?: number): Promise<Fired> {
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  let lastAnswer = 0;
  const t0 = performance.now();
  await Promise.all(
    clients.map(async (c, i) => {
      const offset = paceMs ? (i / clients.length) * paceMs : 0;
      for (let k = 0; k < 10; k++) {
        if (paceMs) {
          const wait = t0 + offset + k * paceMs - performance.now();
          if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        }
        const s = performance.now();
        const status = await post(c, reservableId);
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
        if (status === 202) latencies.push(performance.now() - s);
        lastAnswer = Math.max(lastAnswer, Date.now());
      }
    }),
  );
  return { latencies, statuses, lastAnswer, wallMs: performance.now() - t0 };
}

/** Waits for the server's own worker to decide everything, then reads when it did. */
async function decided(db: Db, reservableId: string, lastAnswer: number) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const [row] = await db.execute<{ n: number }>(
      sql`select count(*)::int as n from reservations where reservable_id = ${reservableId} and status = 'pending'`,
    );
    if (row!.n === 0) break;
    if (Date.now() > deadline) throw new Error(`${row!.n} still pending 30 s after the last POST`);
    await new Promise((r) => setTimeout(r, 10));
  }
  const [last] = await db.execute<{ at: string; confirmed: number; rejected: number; taken: number }>(sql`
    select max(decided_at) as at,
           count(*) filter (where status = 'confirmed')::int as confirmed,
           count(*) filter (where status = 'rejected')::int as rejected,
           (select taken from reservables where id = ${reservableId}) as taken
    from reservations where reservable_id = ${reservableId}`);
  return {
    lastDecisionAfterMs: new Date(last!.at).getTime() - lastAnswer,
    confirmed: last!.confirmed,
    rejected: last!.rejected,
    taken: last!.taken,
  };
}

async function endToEnd(url: string) {
  const server = await startServer(url);
  const { db, sql: conn } = createDb(url, { max: 4, timeouts: false });
  try {
    // The server reseeded on start; add 200 customers with a real password hash, and a hot pre-order.
    const password = "bench-password-1";
    const passwordHash = await hashPassword(password);
    const emails = Array.from({ length: 200 }, (_, i) => `bench-${i}-${randomUUID().slice(0, 8)}@bench.test`);
    await db
      .insert(users)
      .values(
        emails.map((email, i) => ({ email, name: `Bench ${i}`, role: "customer" as const, passwordHash })),
      );
    const hot = await makeReservable(db, {
      capacity: 500,
      perCustomerLimit: null,
      ...(await makeReservationProduct(db)),
    });

    const t0 = performance.now();
    const clients = emails.map(() => new Client(server.base));
    for (let i = 0; i < clients.length; i += 20)
      await Promise.all(clients.slice(i, i + 20).map((c, k) => c.signIn(emails[i + k]!, password)));
    const signInMs = performance.now() - t0;
    // Warm the server as launch-day traffic would find it: the route's code loaded and JIT-compiled,
    // the database pool connected, V8 at its steady state. 4,000 requests on another reservable, not measured.
    const warm = await makeReservable(db, {
      capacity: 4000,
      perCustomerLimit: null,
      ...(await makeReservationProduct(db)),
    });
    await Promise.all(
      clients.map(async (c) => {
        for (let k = 0; k < 20; k++) await post(c, warm.id);
      }),
    );
    await new Promise((r) => setTimeout(r, 1000));

    const closed = await fire(clients, hot.id);
    const closedDecided = await decided(db, hot.id, closed.lastAnswer);
    // The same 2,000 POSTs at a paced launch-day rate instead of as fast as possible: each client
    // sends one a second (200/s in all, starts spread over the first second).
    const paced = await makeReservable(db, {
      capacity: 500,
      perCustomerLimit: null,
      ...(await makeReservationProduct(db)),
    });
    const pacedRun = await fire(clients, paced.id, 1000);
    const pacedDecided = await decided(db, paced.id, pacedRun.lastAnswer);
    return {
      signInMs,
      closed,
      closedDecided,
      paced: pacedRun,
      pacedDecided,
      capacity: 500,
      logFile: server.logFile,
    };
  } finally {
    await conn.end();
  }
}

async function main() {
  const benchStarted = performance.now();
  log(`Reservations benchmark — ${os.cpus().length} CPU cores, Node ${process.version}`);
  const url = await provide();
  await runMigrations(url);
  const { db, sql: conn } = createDb(url, { max: 60, timeouts: false });
  cleanups.push(() => conn.end().then(() => {}));
  await seed(db);
  const s = await settings(db);
  log(
    `PostgreSQL ${s.server_version}: fsync=${s.fsync}, synchronous_commit=${s.synchronous_commit}, wal_sync_method=${s.wal_sync_method}, commit_delay=${s.commit_delay}`,
  );
  const customers = await makeCustomers(db, 5000);
  const product = await makeReservationProduct(db);

  const only = process.env.BENCH_ONLY; // e.g. "d", to run one part while working on it
  const N = 5000;
  let aRate = 0;
  let bRate = 0;
  const c: { workers: number; ms: number; rate: number; bad: number }[] = [];
  if (!only || only.includes("a")) {
    // (a) fewer requests than (b): it is 40× slower, and a rate is a rate
    const NA = 2000;
    const hotA = await makeReservable(db, { ...product, capacity: 1000 });
    const aMs = await naive(db, hotA.id, customers, NA, 50);
    aRate = NA / (aMs / 1000);
    const aCheck = await oversold(db, [hotA.id]);
    log(`\n(a) naive, one transaction per request locking the row: ${fmt(NA)} requests, 50 connections`);
    log(`    ${fmt(aMs)} ms → ${fmt(aRate)} decisions/s; oversold reservables: ${aCheck.bad}`);
    if (aCheck.bad) c.push({ workers: 0, ms: 0, rate: 0, bad: aCheck.bad });
  }
  if (!only || only.includes("b")) {
    // (b)
    const hotB = await makeReservable(db, { ...product, capacity: 1000 });
    await insertPending(db, [hotB.id], customers, N);
    const b = await batched(db, hotB.id);
    bRate = N / (b.ms / 1000);
    const bCheck = await oversold(db, [hotB.id]);
    const [bConfirmed] = await db.execute<{ n: number }>(
      sql`select count(*)::int as n from reservations where reservable_id = ${hotB.id} and status = 'confirmed'`,
    );
    log(
      `\n(b) batched worker, ${fmt(N)} pending requests on one hot reservable (capacity 1,000), batches of 1,000`,
    );
    log(
      `    ${fmt(b.ms)} ms in ${b.batches} transactions → ${fmt(bRate)} decisions/s; confirmed ${bConfirmed!.n}; oversold reservables: ${bCheck.bad}; pending left: ${bCheck.pending}`,
    );
    log(`    (b)/(a) = ${fmt(bRate / aRate, 1)}×`);
    if (bCheck.bad + bCheck.pending) c.push({ workers: 0, ms: 0, rate: 0, bad: bCheck.bad + bCheck.pending });
  }

  if (!only || only.includes("c")) {
    for (const n of [1, 2]) {
      const rs = await Promise.all(
        Array.from({ length: 500 }, () => makeReservable(db, { ...product, capacity: 5 })),
      );
      const ids = rs.map((r) => r.id);
      const warm = await Promise.all(
        Array.from({ length: 50 }, () => makeReservable(db, { ...product, capacity: 5 })),
      );
      const ms = await workers(
        url,
        db,
        n,
        ids,
        customers.map((x) => x.id),
        warm.map((r) => r.id),
      );
      const check = await oversold(db, ids);
      c.push({ workers: n, ms, rate: N / (ms / 1000), bad: check.bad + check.pending });
    }
    log(
      `\n(c) ${fmt(N)} requests over 500 reservables (capacity 5 each), decided by "npm run worker" processes (4 parallel settles each)`,
    );
    for (const x of c)
      log(
        `    ${x.workers} worker${x.workers > 1 ? "s" : " "}: ${fmt(x.ms)} ms → ${fmt(x.rate)} decisions/s; oversold or left pending: ${x.bad}`,
      );
  }

  let dOk = true;
  if (!only || only.includes("d")) {
    // (d)
    log(
      `\n(d) end to end over HTTP against npm start (web + worker), 200 signed-in clients × 10 POSTs on one hot reservable`,
    );
    const d = await endToEnd(url);
    // The server reseeded the database on start: fresh customers and a fresh reservable for this one.
    const direct = await requestPathOnly(
      url,
      await makeCustomers(db, 200),
      (await makeReservable(db, { capacity: 500, ...(await makeReservationProduct(db)) })).id,
    );
    const report = (label: string, f: Fired, dd: Awaited<ReturnType<typeof decided>>) => {
      const total = [...f.statuses.values()].reduce((x, y) => x + y, 0);
      log(`    ${label}`);
      log(
        `      ${fmt(total)} POSTs in ${fmt(f.wallMs)} ms → ${fmt(total / (f.wallMs / 1000))} requests/s; answers: ${[...f.statuses].map(([k, v]) => `${v}× ${k}`).join(", ")}`,
      );
      log(
        `      202 latency: p50 ${fmt(percentile(f.latencies, 50), 1)} ms, p99 ${fmt(percentile(f.latencies, 99), 1)} ms, max ${fmt(Math.max(...f.latencies), 1)} ms`,
      );
      log(
        `      last decision ${fmt(dd.lastDecisionAfterMs)} ms after the last POST's answer; confirmed ${dd.confirmed} of capacity ${d.capacity}, rejected ${dd.rejected}, taken ${dd.taken}`,
      );
      return total;
    };
    log(`    sign-in of 200 clients: ${fmt(d.signInMs)} ms`);
    const total = report(
      "as fast as they can (each client's next POST when its last is answered):",
      d.closed,
      d.closedDecided,
    );
    report("paced, each client one POST a second (200 requests/s offered):", d.paced, d.pacedDecided);
    log(
      `    for comparison, the request verb without HTTP (200 concurrent callers, 50 connections): ${fmt(direct.rate)} requests/s, p99 ${fmt(direct.p99, 1)} ms`,
    );

    const ok =
      (d.closed.statuses.get(202) ?? 0) === total &&
      total === 2000 &&
      percentile(d.closed.latencies, 99) < 200 &&
      d.closedDecided.lastDecisionAfterMs <= 1000 &&
      d.closedDecided.confirmed === d.capacity &&
      d.closedDecided.taken === d.capacity;
    dOk = ok;
  }
  const ok = (only ? true : bRate >= 20 * aRate) && c.every((x) => x.bad === 0) && dOk;
  log(
    `\nTargets: (b) ≥ 20× (a) with zero oversell; (d) every request 202, p99 < 200 ms, last decision ≤ 1 s after the last POST → ${ok ? "MET" : "NOT MET"}`,
  );
  log(`Total bench time ${fmt((performance.now() - benchStarted) / 1000, 1)} s`);
  return ok;
}

main()
  .then(async (ok) => {
    for (const c of cleanups.reverse()) await c();
    process.exit(ok ? 0 : 1);
  })
  .catch(async (e) => {
    console.error(e);
    for (const c of cleanups.reverse()) await Promise.resolve(c()).catch(() => {});
    process.exit(1);
  });
