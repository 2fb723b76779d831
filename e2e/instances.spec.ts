import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { chownSync, createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { createDb, type Db } from "@/db/client";
import { freePort, startEmbeddedPostgres, type EmbeddedServer } from "@/db/embedded";
import { seed } from "@/db/seed";
import { ensureDatabase, runMigrations } from "@/db/setup";
import { applyStockMoves } from "@/lib/inventory/stock";
import { makeCustomers, makeReservable, makeReservationProduct } from "@/lib/reservations/testing";
import type { UserActor } from "@/lib/auth/actor";
import { stopProcessGroup } from "@/bench/process-group";
import { Client, send, type Answer } from "@/bench/http-client";
import { sessionCookie } from "@/test/http";
import { invariantViolations } from "@/test/invariants";
import { address, demoIds, stockAt } from "@/test/orders-fixtures";
import { expect, test } from "./fixtures";

/**
 * The shop as it grows past one machine: TWO app instances (the production server, scripts/serve.ts,
 * on the build the end-to-end web server made) and TWO reservation workers (lib/worker/main.ts) on ONE
 * PostgreSQL, first directly, then through PgBouncer in transaction mode. An order storm and a launch
 * spread over both instances hold every invariant (test/invariants.ts); an Idempotency-Key and the
 * rate limits hold across them; a session made on one works on the other; a live update reaches a
 * customer connected to the other instance.
 *
 * Its own PostgreSQL (the embedded one, `.data/e2e-instances-pg`) and its own ports, derived from
 * E2E_PORT. Runs after the browser specs (its project depends on theirs: the machine to itself).
 */
const BASE = Number(process.env.E2E_PORT ?? 3100);
const SECRET = "instances-secret-0123456789abcdef0123456789";
const LOGS = path.resolve("test-results/instances");
const DB_NAME = "hub_instances";
/** Debian's PgBouncer, which scripts/e2e.ts installs (or stops, saying how) before any spec runs. */
const PGBOUNCER = process.env.PGBOUNCER_PATH ?? "/usr/sbin/pgbouncer";
/** Limits low enough to reach in a few requests (the instances' environment). */
const CREATES_PER_MINUTE = 20;
const SIGNIN_FAILURES = 4;
const ORDERS = 100;
const ORDER_STOCK = 120;
const RESERVATIONS = 200;
const LAUNCH_CAPACITY = 150;

test.describe.configure({ mode: "serial" });
test.setTimeout(180_000);

let pg: EmbeddedServer;
let directUrl: string;
let pool: ReturnType<typeof createDb>;
const running: ChildProcess[] = [];

test.beforeAll(async () => {
  test.setTimeout(120_000);
  const t0 = Date.now();
  mkdirSync(LOGS, { recursive: true });
  pg = await startEmbeddedPostgres({ dataDir: ".data/e2e-instances-pg", port: await freePort(53000 + BASE + 1), log: () => {} });
  const admin = pg.url("postgres");
  const { sql: a } = createDb(admin, { max: 1, timeouts: false });
  await a.unsafe(`drop database if exists ${DB_NAME} with (force)`);
  await a.end();
  await ensureDatabase(admin, DB_NAME);
  directUrl = pg.url(DB_NAME);
  await runMigrations(directUrl);
  pool = createDb(directUrl, { max: 4, timeouts: false });
  await seed(pool.db);
  console.log(`[instances] its PostgreSQL, migrated and seeded, in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
});

test.afterEach(async () => {
  await Promise.all(running.splice(0).map((c) => stopProcessGroup(c, 10_000)));
});

test.afterAll(async () => {
  await pool?.sql.end({ timeout: 1 });
  await pg?.stop();
});

// ---------- the processes ----------

/** A process of the shop in its own process group, its output in test-results/instances/<name>.log. */
function start(name: string, args: string[], env: Record<string, string>): { child: ChildProcess; log: string } {
  const log = path.join(LOGS, `${name}.log`);
  const out = createWriteStream(log);
  const child = spawn(args[0]!, args.slice(1), {
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  child.stdout!.pipe(out);
  child.stderr!.pipe(out);
  running.push(child);
  return { child, log };
}

/** This test's name, for its log files. */
const slug = () => test.info().title.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
const tail = (log: string) => (existsSync(log) ? readFileSync(log, "utf8").slice(-2000) : "");

async function until<T>(what: string, probe: () => Promise<T | undefined | false>, ms: number, log?: string): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe().catch(() => undefined);
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${log ? `:\n${tail(log)}` : ""}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

type Shop = { a: string; b: string; workers: ChildProcess[] };

/** Two web instances and two workers on these URLs; resolves once both answer and both workers beat. */
async function startShop(urls: { web: string; worker: string; direct: string }): Promise<Shop> {
  const [portA, portB] = [await freePort(BASE + 1), await freePort(BASE + 2)];
  const web = (port: number, name: string) =>
    start(name, [process.execPath, "--import", "tsx", "scripts/serve.ts"], {
      NODE_ENV: "production",
      PORT: String(port),
      HOSTNAME: "127.0.0.1",
      DATABASE_URL: urls.web,
      DATABASE_DIRECT_URL: urls.direct,
      // What the instances share: the database and this secret (a session made on one is good on all).
      NEXTAUTH_SECRET: SECRET,
      NEXTAUTH_URL: `http://localhost:${port}`,
      HUB_RATE_CREATES_PER_MINUTE: String(CREATES_PER_MINUTE),
      HUB_RATE_SIGNIN_FAILURES: String(SIGNIN_FAILURES),
    });
  const worker = (name: string) =>
    start(name, [process.execPath, "--import", "tsx", "lib/worker/main.ts"], {
      DATABASE_URL: urls.worker,
      DATABASE_DIRECT_URL: urls.direct,
      RESERVATION_BATCH_SIZE: "10",
    });
  const [a, b] = [web(portA, `${slug()}-web-a`), web(portB, `${slug()}-web-b`)];
  const workers = [worker(`${slug()}-worker-1`), worker(`${slug()}-worker-2`)];
  const shop = { a: `http://127.0.0.1:${portA}`, b: `http://127.0.0.1:${portB}`, workers: workers.map((w) => w.child) };
  const beating = workers.map((w) => `${os.hostname()}:${w.child.pid}`);
  await Promise.all([
    until("instance A", async () => (await send(`${shop.a}/api/health`)).status === 200, 90_000, a.log),
    until("instance B", async () => (await send(`${shop.b}/api/health`)).status === 200, 90_000, b.log),
    until(
      "both workers' heartbeats",
      async () => {
        const rows = await pool.db.execute<{ id: string }>(sql`select id from worker_heartbeats where id = any(${sql.param(beating)}::text[])`);
        return rows.length === 2;
      },
      90_000,
      workers[0]!.log,
    ),
  ]);
  return shop;
}

// ---------- HTTP as a customer ----------

const cookies = new Map<string, string>();
async function cookieOf(u: UserActor) {
  let c = cookies.get(u.id);
  if (!c) cookies.set(u.id, (c = await sessionCookie(u, SECRET)));
  return c;
}

async function post(base: string, who: UserActor, p: string, body: unknown, headers: Record<string, string> = {}): Promise<Answer & { json: any }> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const a = await send(base + p, {
    method: "POST",
    headers: { "content-type": "application/json", cookie: await cookieOf(who), ...headers },
    body: JSON.stringify(body),
  });
  let json: unknown;
  try {
    json = JSON.parse(a.body);
  } catch {
    json = a.body;
  }
  return { ...a, json };
}

/** `n` jobs, `width` at a time. */
async function pooled<T>(n: number, width: number, job: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = new Array(n);
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      for (let i = next++; i < n; i = next++) out[i] = await job(i);
    }),
  );
  return out;
}

/** A server-sent event stream, read as it comes. */
function events(url: string, cookie: string) {
  const seen: { event: string; data: any }[] = []; // eslint-disable-line @typescript-eslint/no-explicit-any
  let wake = () => {};
  let buffer = "";
  const req = http.get(url, { headers: { cookie, accept: "text/event-stream" } }, (res) => {
    res.setEncoding("utf8");
    res.on("data", (chunk: string) => {
      buffer += chunk;
      for (let i = buffer.indexOf("\n\n"); i >= 0; i = buffer.indexOf("\n\n")) {
        const block = buffer.slice(0, i);
        buffer = buffer.slice(i + 2);
        const event = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (event && data) seen.push({ event, data: JSON.parse(data) });
      }
      wake();
    });
  });
  req.on("error", () => {});
  return {
    /** The first event (from the start) that `match` accepts, within `ms`. */
    async first<T>(match: (e: { event: string; data: any }) => T | undefined, ms: number): Promise<T> { // eslint-disable-line @typescript-eslint/no-explicit-any
      const deadline = Date.now() + ms;
      for (;;) {
        for (const e of seen) {
          const v = match(e);
          if (v !== undefined) return v;
        }
        if (Date.now() > deadline) throw new Error(`no such event within ${ms} ms; seen: ${JSON.stringify(seen).slice(0, 500)}`);
        await new Promise<void>((r) => {
          wake = r;
          setTimeout(r, 100);
        });
      }
    },
    close: () => req.destroy(),
  };
}

// ---------- the data ----------

/** Makes `n` units of the variant available at the location (an adjustment of on hand through the ledger; what is reserved stays). */
async function makeAvailable(db: Db, locationId: string, variantId: string, n: number) {
  const { onHand, reserved } = await stockAt(db, locationId, variantId);
  await db.transaction((tx) =>
    applyStockMoves(tx, [{ locationId, variantId, kind: "adjustment", onHandDelta: n + reserved - onHand, reservedDelta: 0, refType: "test", refId: "instances" }], null),
  );
}

// ---------- the scenario, twice ----------

async function twoInstances(urls: { web: string; worker: string; direct: string }) {
  const db = pool.db;
  const ids = await demoIds(db);
  const hub = ids.loc("HUB-BUNDANG");
  const phone = ids.variant("SM-S931N-1-1");
  await makeAvailable(db, hub, phone, ORDER_STOCK);
  const product = await makeReservationProduct(db);
  const launch = await makeReservable(db, { ...product, capacity: LAUNCH_CAPACITY });
  const quiet = await makeReservable(db, { ...(await makeReservationProduct(db)), capacity: 10 });
  const [buyers, reservers, few] = await Promise.all([makeCustomers(db, 20), makeCustomers(db, RESERVATIONS), makeCustomers(db, 3)]);
  const [limited, keyed, watcher] = few as [UserActor, UserActor, UserActor];
  const orderBody = (quantity: number) => ({ items: [{ variantId: phone, quantity }], sourceLocationId: hub, shippingAddress: address() });

  const t0 = Date.now();
  const phases: string[] = [];
  const phase = (name: string) => phases.push(`${name} ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  const shop = await startShop(urls);
  phase("up");
  const { a, b } = shop;
  const both = [a, b];

  // A session made on A is good on B: no sticky sessions, only the shared NEXTAUTH_SECRET.
  const signedIn = new Client(a);
  await signedIn.signIn("customer2@demo.test", "demo-password");
  const session = JSON.parse((await send(`${b}/api/auth/session`, { headers: { cookie: signedIn.cookie } })).body) as { user?: { email?: string } };
  expect(session.user?.email).toBe("customer2@demo.test");

  // Rate limits count once over both instances, however the attempts are spread and however parallel:
  // failed sign-ins of one email from one address…
  const email = `nobody-${randomUUID()}@demo.test`;
  const guessers = Array.from({ length: SIGNIN_FAILURES + 2 }, (_, i) => new Client(both[i % 2]!));
  const tokens = await Promise.all(
    guessers.map(async (c) => (JSON.parse((await c.request("GET", "/api/auth/csrf")).body) as { csrfToken: string }).csrfToken),
  );
  const signIns = await Promise.all(
    guessers.map(async (c, i) => {
      const form = new URLSearchParams({ csrfToken: tokens[i]!, email, password: "wrong-password", json: "true" });
      return (await c.request("POST", "/api/auth/callback/credentials", form.toString(), { "content-type": "application/x-www-form-urlencoded" })).status;
    }),
  );
  expect(signIns.filter((s) => s === 429).length).toBe(2);
  // …and creations of one account (each counted before its body is judged: `{}` is a 422).
  const creates = await Promise.all(Array.from({ length: CREATES_PER_MINUTE + 4 }, (_, i) => post(both[i % 2]!, limited, "/api/orders", {})));
  const counts = creates.reduce<Record<number, number>>((m, r) => ({ ...m, [r.status]: (m[r.status] ?? 0) + 1 }), {});
  expect(counts).toEqual({ 422: CREATES_PER_MINUTE, 429: 4 });
  phase("sessions and limits");
  // One Idempotency-Key sent to both instances at once: one order; the same key with another body: 422.
  const key = { "idempotency-key": randomUUID() };
  const twice = await Promise.all(both.map((base) => post(base, keyed, "/api/orders", orderBody(1), key)));
  expect(twice.map((r) => r.status).sort()).toEqual([200, 201]);
  expect(twice[0]!.json.id).toBe(twice[1]!.json.id);
  expect((await post(b, keyed, "/api/orders", orderBody(2), key)).status).toBe(422);
  const rkey = { "idempotency-key": randomUUID() };
  const rtwice = await Promise.all(both.map((base) => post(base, keyed, "/api/reservations", { reservableId: quiet.id, quantity: 1 }, rkey)));
  expect(rtwice.map((r) => r.status)).toEqual([202, 202]);
  expect(rtwice[0]!.json.id).toBe(rtwice[1]!.json.id);
  expect((await post(a, keyed, "/api/reservations", { reservableId: quiet.id, quantity: 2 }, rkey)).status).toBe(422);
  const [mine] = await db.execute<{ orders: number; reservations: number }>(sql`
    select (select count(*)::int from orders where customer_id = ${keyed.id}) as orders,
      (select count(*)::int from reservations where customer_id = ${keyed.id}) as reservations`);
  expect(mine).toEqual({ orders: 1, reservations: 1 });

  phase("idempotency");
  // The storm and the launch at once, every other request to the other instance.
  const started = Date.now();
  const [orders, requests] = await Promise.all([
    pooled(ORDERS, 8, (i) => post(both[i % 2]!, buyers[i % buyers.length]!, "/api/orders", orderBody(1 + (i % 2)))),
    pooled(RESERVATIONS, 8, (i) => post(both[i % 2]!, reservers[i]!, "/api/reservations", { reservableId: launch.id, quantity: 1 })),
  ]);
  const stormMs = Date.now() - started;
  const placed = orders.filter((r) => r.status === 201);
  // Every answer a 201 or, once the stock ran out, a 409 naming it; never anything else.
  expect(orders.filter((r) => r.status !== 201 && r.status !== 409).map((r) => `${r.status} ${r.body.slice(0, 200)}`)).toEqual([]);
  expect(placed.length).toBeGreaterThan(0);
  expect(orders.length - placed.length).toBeGreaterThan(0); // 150 units asked of 120: some were refused
  const units = placed.reduce((n, r) => n + (r.json.items as { quantity: number }[]).reduce((m, it) => m + it.quantity, 0), 0);
  expect(units).toBeLessThanOrEqual(ORDER_STOCK);
  expect(requests.filter((r) => r.status !== 202).map((r) => `${r.status} ${r.body.slice(0, 200)}`)).toEqual([]);

  // Both workers decide the launch: nothing left pending, exactly its capacity confirmed.
  await until(
    "the workers to decide the launch",
    async () => {
      const [row] = await db.execute<{ n: number }>(sql`select count(*)::int as n from reservations where reservable_id = ${launch.id} and status = 'pending'`);
      return row!.n === 0;
    },
    60_000,
  );
  const decidedMs = Date.now() - started;
  const [decided] = await db.execute<{ confirmed: number }>(
    sql`select count(*) filter (where status = 'confirmed')::int as confirmed from reservations where reservable_id = ${launch.id}`,
  );
  expect(decided!.confirmed).toBe(LAUNCH_CAPACITY);

  phase("storm and launch");
  // A live update reaches a customer connected to B when the change is made through A.
  const asked = await post(a, watcher, "/api/reservations", { reservableId: quiet.id, quantity: 1 });
  expect(asked.status).toBe(202);
  const id = asked.json.id as string;
  await until(
    "the watcher's reservation confirmed",
    async () => JSON.parse((await send(`${a}/api/reservations/${id}`, { headers: { cookie: await cookieOf(watcher) } })).body).status === "confirmed",
    30_000,
  );
  const live = events(`${b}/api/reservations/stream`, await cookieOf(watcher));
  try {
    await live.first((e) => (e.event === "snapshot" ? true : undefined), 15_000);
    expect((await post(a, watcher, `/api/reservations/${id}/cancel`, {})).status).toBe(200);
    const update = await live.first(
      (e) => (e.event === "update" ? (e.data as { id: string; status: string }[]).find((r) => r.id === id && r.status === "cancelled") : undefined),
      15_000,
    );
    expect(update.status).toBe("cancelled");
  } finally {
    live.close();
  }

  phase("live update");
  // Every invariant, over everything both instances answered 201/202.
  const ack = {
    orders: [...placed.map((r) => r.json.id as string), twice[0]!.json.id as string],
    reservations: [...requests.map((r) => r.json.id as string), rtwice[0]!.json.id as string, id],
  };
  expect(await invariantViolations(db, ack)).toEqual([]);
  for (const base of both) expect(JSON.parse((await send(`${base}/api/health`)).body)).toEqual({ status: "ok", db: "ok", worker: "ok" });
  phase("invariants");
  console.log(
    `[instances] ${test.info().title}: ${placed.length} orders placed (${units} of ${ORDER_STOCK} units), ${orders.length - placed.length} refused; ${requests.length} reservation requests, ${LAUNCH_CAPACITY} confirmed; storm ${(stormMs / 1000).toFixed(1)} s, decided after ${(decidedMs / 1000).toFixed(1)} s; at: ${phases.join(", ")}`,
  );
}

test("two instances and two workers on one PostgreSQL", async () => {
  await twoInstances({ web: directUrl, worker: directUrl, direct: directUrl });
});

test("the same through PgBouncer in transaction mode", async () => {
  expect(existsSync(PGBOUNCER), `PgBouncer at ${PGBOUNCER} (\`sudo apt-get install pgbouncer\`)`).toBe(true);
  const bouncer = await startPgBouncer();
  // The workers' own pool, without the web's statement timeout (their big batches must not be cut).
  await twoInstances({
    web: `${bouncer.url("hub_instances")}?pooler=transaction`,
    worker: `${bouncer.url("hub_instances_worker")}?pooler=transaction`,
    direct: directUrl,
  });
});

/**
 * PgBouncer (Debian's package) in front of the test's PostgreSQL, in transaction mode, SCRAM with the
 * password it holds in its auth file, as the README configures it. As root it runs as `postgres`.
 */
async function startPgBouncer() {
  const dir = mkdtempSync(path.join(os.tmpdir(), "hub-pgbouncer-"));
  const port = await freePort(53000 + BASE + 2);
  const u = new URL(directUrl);
  const [user, password] = [decodeURIComponent(u.username), decodeURIComponent(u.password)];
  const server = `host=127.0.0.1 port=${u.port} dbname=${DB_NAME}`;
  writeFileSync(path.join(dir, "userlist.txt"), `"${user}" "${password}"\n`, { mode: 0o600 });
  writeFileSync(
    path.join(dir, "pgbouncer.ini"),
    [
      "[databases]",
      `hub_instances = ${server} connect_query='SET statement_timeout = 30000; SET lock_timeout = 10000; SET idle_in_transaction_session_timeout = 60000'`,
      `hub_instances_worker = ${server}`,
      "[pgbouncer]",
      "listen_addr = 127.0.0.1",
      `listen_port = ${port}`,
      "unix_socket_dir =",
      "auth_type = scram-sha-256",
      `auth_file = ${path.join(dir, "userlist.txt")}`,
      "pool_mode = transaction",
      "max_client_conn = 500",
      "default_pool_size = 30",
      `pidfile = ${path.join(dir, "pgbouncer.pid")}`,
    ].join("\n") + "\n",
    { mode: 0o600 },
  );
  const root = process.getuid?.() === 0;
  if (root) {
    const id = (flag: string) => Number(spawnSync("id", [flag, "postgres"], { encoding: "utf8" }).stdout.trim());
    for (const f of [dir, path.join(dir, "userlist.txt"), path.join(dir, "pgbouncer.ini")]) chownSync(f, id("-u"), id("-g"));
  }
  const { child, log } = start(`${slug()}-pgbouncer`, [PGBOUNCER, ...(root ? ["-u", "postgres"] : []), path.join(dir, "pgbouncer.ini")], {});
  child.once("exit", () => rmSync(dir, { recursive: true, force: true }));
  const url = (db: string) => `postgres://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${port}/${db}`;
  // Up, and the web's limits applied to its pooled connections by connect_query.
  const probe = createDb(`${url("hub_instances")}?pooler=transaction`, { max: 1, timeouts: false });
  try {
    const timeout = await until(
      "PgBouncer",
      async () => (await probe.db.execute<{ t: string }>(sql`select current_setting('statement_timeout') as t`))[0]!.t,
      15_000,
      log,
    );
    expect(timeout).toBe("30s");
  } finally {
    await probe.sql.end({ timeout: 1 });
  }
  return { url };
}
