/**
 * `npm run bench:http`: the shop over HTTP against the framework's own floor, in one run (issue 13).
 *
 * Starts its own embedded PostgreSQL (a temporary data directory, durable commits: fsync and
 * synchronous_commit on; DATABASE_URL to use another server), builds the shop when its build is
 * missing or stale (scripts/build-stamp.ts, as `npm start` does) and starts it as `npm start` runs it
 * (scripts/start.ts: migrations, the demo data, scripts/serve.ts and the reservation worker), and a
 * bare Next app of the same Next version (bench/http/bare: a dynamic page that reads a cookie, a route
 * with one `SELECT 1` through the same driver on the same database; built once, the build kept).
 *
 * wrk (Debian's package, installed when missing as root) measures every target, 50 connections, after
 * a warm-up; the ratio is to the bare app's figure of the same round. Then POST /api/reservations from
 * 200 connections going round 400 signed-in accounts (signed in through Auth.js's credentials flow, the
 * real rate limits), and the same POST paced at 200 requests/s from a node:http client; beside them, the
 * bare app's floors for that POST in the same run: its POST route (the JSON read, one SELECT 1) and a
 * durable write (the JSON read, one INSERT committed), at the same 200 connections, and the write paced
 * at 200/s by the same client.
 *
 * BENCH_SECONDS (8), BENCH_WARM_SECONDS (3), BENCH_ROUNDS (2), BENCH_ONLY=get|post, BENCH_SHOP_PORT (3290)
 * and BENCH_BARE_PORT (3390), the first free port from there,
 * BENCH_PROFILE=<dir> (the shop's processes write --cpu-prof profiles there when stopped).
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { freePort } from "@/db/embedded";
import { makeReservable, makeReservationProduct } from "@/lib/reservations/testing";
import { buildIfNeeded } from "@/scripts/build-stamp";
import { Client, send } from "../http-client";
import {
  type Cleanups,
  durableDatabase,
  fmt,
  loadAverage,
  makeAccounts,
  percentile,
  runBench,
  signedIn,
  startProcess,
  startShop as shop,
} from "../shop";
import { ensureWrk, lua, luaScript, wrk, type WrkResult } from "./wrk";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const WARM = Number(process.env.BENCH_WARM_SECONDS ?? 3);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const ONLY = process.env.BENCH_ONLY;
const CONNECTIONS = 50;
const CLIENTS = 200;
// The closed loop's requests go round twice as many accounts as it has connections: with the real limit
// of 30 creations a minute per account, 200 accounts would cap an 8 s run at 750 requests/s (6,000 in
// all), and the faster wrk thread's accounts reach it first (seen: 1,619× 429 at 650 requests/s).
const CLOSED_ACCOUNTS = 2 * CLIENTS;
const PACED_RATE = 200;
const NEXT_BIN = path.resolve("node_modules/next/dist/bin/next");
const BARE = path.resolve("bench/http/bare");

const log = (m: string) => console.log(m);
let cleanups: Cleanups;

// ---------- the servers ----------

/** The bare app's build, made once and kept while its sources and Next's version stay the same. */
function buildBare() {
  const hash = createHash("sha256");
  hash.update(readFileSync("node_modules/next/package.json"));
  const walk = (p: string) => {
    for (const e of readdirSync(p).sort()) {
      if (e === ".next" || e === "node_modules") continue;
      const f = path.join(p, e);
      if (statSync(f).isDirectory()) walk(f);
      else hash.update(`${f}\n`).update(readFileSync(f));
    }
  };
  walk(BARE);
  const stamp = hash.digest("hex");
  const stampFile = path.join(BARE, ".next/bench-stamp");
  if (existsSync(path.join(BARE, ".next/BUILD_ID")) && existsSync(stampFile) && readFileSync(stampFile, "utf8") === stamp)
    return;
  log("[bench] Building the bare Next app (once)…");
  const r = spawnSync(process.execPath, [NEXT_BIN, "build", BARE], {
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (r.status !== 0) throw new Error("next build of bench/http/bare failed");
  writeFileSync(stampFile, stamp);
}

async function startShop(url: string, port: number) {
  const profileDir = process.env.BENCH_PROFILE;
  return shop(url, port, cleanups, {
    // Node 20 refuses --cpu-prof in NODE_OPTIONS: a preloaded inspector session does what it does.
    env: profileDir
      ? {
          NODE_OPTIONS: `--import ${pathToFileURL(path.resolve("bench/http/cpu-prof-preload.mjs")).href}`,
          BENCH_PROFILE_DIR: path.resolve(profileDir),
        }
      : {},
  });
}

async function startBare(url: string, port: number) {
  return startProcess(
    "bare",
    [path.join(BARE, "serve.mjs")],
    { ...process.env, DATABASE_URL: url, PORT: String(port), NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
    `http://127.0.0.1:${port}/api/one`,
    cleanups,
  );
}

// ---------- measuring ----------

type Row = { label: string; r: WrkResult; baseline?: WrkResult; min?: number };
const rows: Row[] = [];
const errs = (s: Record<string, number>) =>
  Object.entries(s)
    .filter(([k]) => !k.startsWith("2") && !k.startsWith("3"))
    .map(([k, v]) => `${v}× ${k}`)
    .join(", ") || "none";
const fiveXX = (s: Record<string, number>) =>
  Object.entries(s).reduce((n, [k, v]) => n + (k.startsWith("5") ? v : 0), 0);
const caches = (r: WrkResult) => {
  const e = Object.entries(r.caches);
  return e.length ? ` | x-hub-cache: ${e.map(([k, v]) => `${fmt(v)} ${k}`).join(", ")}` : "";
};
const sock = (r: WrkResult) => {
  const e = r.socketErrors;
  const n = e.connect + e.read + e.write + e.timeout;
  return n ? `; socket errors: connect ${e.connect}, read ${e.read}, write ${e.write}, timeout ${e.timeout}` : "";
};

function print(row: Row) {
  const { r } = row;
  const ratio = row.baseline ? ` | ${fmt(r.rate / row.baseline.rate, 2)}× bare${row.min ? ` (target ≥ ${row.min})` : ""}` : "";
  if (r.requests === 0) {
    // wrk counts only answers that came within the run (in-flight ones at its end are dropped)
    log(`  ${row.label.padEnd(34)} no answer within ${fmt(r.seconds, 1)} s on any of the ${CONNECTIONS} connections${sock(r)}${ratio}`);
    return;
  }
  log(
    `  ${row.label.padEnd(34)} ${fmt(r.rate, r.rate < 10 ? 1 : 0).padStart(6)} req/s | p50 ${fmt(r.p50, 1).padStart(7)} ms | p99 ${fmt(r.p99, 1).padStart(7)} ms | errors: ${errs(r.statuses)}${sock(r)}${ratio}${caches(r)}`,
  );
}

async function measure(
  label: string,
  url: string,
  opts: { baseline?: WrkResult; min?: number; warm?: boolean; headers?: Record<string, string> },
) {
  if (opts.warm) await wrk({ url, connections: CONNECTIONS, seconds: WARM, headers: opts.headers });
  const r = await wrk({ url, connections: CONNECTIONS, seconds: SECONDS, headers: opts.headers });
  const row = { label, r, baseline: opts.baseline, min: opts.min };
  rows.push(row);
  print(row);
  return r;
}

/** A wrk script sending POST /api/reservations, each request as the next of the clients (one account each). */
function reservationScript(clients: Client[], reservableId: string) {
  return luaScript(`
cookies = { ${clients.map((c) => lua(c.cookie)).join(", ")} }
body = ${lua(JSON.stringify({ reservableId, quantity: 1 }))}
function setup_more(thread, n) thread:set("offset", n) end
local i = 0
function request()
  -- thread 0 takes the even clients, thread 1 the odd ones: each account is one thread's, in turn
  local c = cookies[((i * 2 + offset) % #cookies) + 1]
  i = i + 1
  return wrk.format("POST", "/api/reservations", { ["Content-Type"] = "application/json", ["Cookie"] = c }, body)
end
`);
}

/** A wrk script sending the same JSON POST on every request, without cookies (the bare app's floors). */
function postScript(pathname: string, body: unknown) {
  return luaScript(`
body = ${lua(JSON.stringify(body))}
function request()
  return wrk.format("POST", ${lua(pathname)}, { ["Content-Type"] = "application/json" }, body)
end
`);
}

/** Waits until the worker decided every request for the reservable; when its last decision came. */
async function decided(db: Db, reservableId: string) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const [row] = await db.execute<{ n: number }>(
      sql`select count(*)::int as n from reservations where reservable_id = ${reservableId} and status = 'pending'`,
    );
    if (row!.n === 0) break;
    if (Date.now() > deadline) throw new Error(`${row!.n} still pending 60 s after the last POST`);
    await new Promise((r) => setTimeout(r, 10));
  }
  const [last] = await db.execute<{ decided: string; recorded: string; confirmed: number; rejected: number; n: number }>(sql`
    select max(decided_at) as decided, max(created_at) as recorded, count(*)::int as n,
           count(*) filter (where status = 'confirmed')::int as confirmed,
           count(*) filter (where status = 'rejected')::int as rejected
    from reservations where reservable_id = ${reservableId}`);
  return {
    // From the last request's record (its answer came after it, so this bounds the wait from above).
    afterMs: new Date(last!.decided).getTime() - new Date(last!.recorded).getTime(),
    n: last!.n,
    confirmed: last!.confirmed,
    rejected: last!.rejected,
  };
}

/**
 * Open loop: each client's POSTs are sent on a fixed schedule, one a second (PACED_RATE in all, the
 * starts spread over the first second), whether or not its last one has been answered, and each
 * latency counts from the moment the request was due, not from when it left: a slow answer is not
 * hidden by the requests it delayed (no coordinated omission, as wrk2 measures).
 */
async function paced(clients: Client[], pathname: string, body: unknown) {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const per = Math.round((SECONDS * PACED_RATE) / clients.length);
  const intervalMs = (1000 * clients.length) / PACED_RATE;
  const sends: Promise<void>[] = [];
  clients.forEach((c, i) => {
    for (let k = 0; k < per; k++) {
      const due = t0 + (i / clients.length) * intervalMs + k * intervalMs;
      sends.push(
        new Promise<void>((r) => setTimeout(r, Math.max(0, due - performance.now()))).then(async () => {
          const a = await c.request("POST", pathname, body);
          latencies.push(performance.now() - due);
          statuses[a.status] = (statuses[a.status] ?? 0) + 1;
        }),
      );
    }
  });
  await Promise.all(sends);
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { latencies, statuses, wallMs, cpuShare: (cpu.user + cpu.system) / 1000 / wallMs };
}

async function main(registry: Cleanups) {
  cleanups = registry;
  const started = performance.now();
  log(`HTTP benchmark (issue 13) — ${os.cpus().length} CPU cores, Node ${process.version}; load average at start ${loadAverage()}`);
  ensureWrk(log);
  const database = await durableDatabase("hub_http", cleanups, log);
  const db = database.db;

  buildIfNeeded({ ...process.env, DATABASE_URL: database.url, NEXT_TELEMETRY_DISABLED: "1" }, log);
  buildBare();
  const [shopPort, barePort] = [
    await freePort(Number(process.env.BENCH_SHOP_PORT ?? 3290)),
    await freePort(Number(process.env.BENCH_BARE_PORT ?? 3390)),
  ];
  // The bare app's write floor (bench/http/bare/app/api/write) inserts here.
  await db.execute(
    sql`create table if not exists bare_writes (id bigserial primary key, body jsonb not null, at timestamptz not null default now())`,
  );
  const shopLog = await startShop(database.url, shopPort);
  const bareLog = await startBare(database.url, barePort);
  const shop = `http://127.0.0.1:${shopPort}`;
  const bare = `http://127.0.0.1:${barePort}`;
  log(`Shop (npm start: scripts/serve.ts + the worker) on ${shop}, log ${shopLog.logFile}`);
  log(`Bare Next ${JSON.parse(readFileSync("node_modules/next/package.json", "utf8")).version} on ${bare}, log ${bareLog.logFile}`);

  // The server reseeded the demo data on start: a product of it for the product pages.
  const [product] = await db.execute<{ id: string }>(
    sql`select id from products where status = 'on_sale' and type = 'stock' order by created_at, id limit 1`,
  );
  const pid = product!.id;

  const home = await send(`${shop}/`);
  const productPage = await send(`${shop}/products/${pid}`);
  const browse = await send(`${shop}/reservations/browse`);
  const kb = (b: string) => Buffer.byteLength(b) / 1024;
  log(
    `Storefront HTML (with its payload): / ${fmt(kb(home.body), 1)} KB (status ${home.status}), /products/{id} ${fmt(kb(productPage.body), 1)} KB (target ≤ 80 KB); /reservations/browse ${fmt(kb(browse.body), 1)} KB`,
  );

  let allFiveXX = fiveXX({ [home.status]: 1, [productPage.status]: 1, [browse.status]: 1 });
  let bareRoute: WrkResult | undefined;
  if (ONLY !== "post") {
    // A signed-in customer's session cookie: the API's catalog reads past the microcache, through Next
    // (no target; what the anonymous figures would be without the microcache).
    const [customer] = await signedIn(shop, await makeAccounts(db, 1, "bench-password-1", { prefix: "get" }), "bench-password-1");
    const session = { Cookie: customer!.cookie };
    for (let round = 1; round <= ROUNDS; round++) {
      const warm = round === 1;
      log(`\nRound ${round}/${ROUNDS}: ${CONNECTIONS} connections, ${SECONDS} s each${warm ? `, after a ${WARM} s warm-up each` : ""}`);
      const page = await measure("bare: dynamic page (cookie)", `${bare}/`, { warm });
      await measure("GET /", `${shop}/`, { warm, baseline: page, min: 0.5 });
      await measure("GET /products/{id}", `${shop}/products/${pid}`, { warm, baseline: page, min: 0.5 });
      await measure("GET /reservations/browse", `${shop}/reservations/browse`, { warm, baseline: page, min: 0.3 });
      bareRoute = await measure("bare: route, one SELECT 1", `${bare}/api/one`, { warm });
      await measure("GET /api/products", `${shop}/api/products`, { warm, baseline: bareRoute, min: 0.5 });
      await measure("GET /api/products/{id}", `${shop}/api/products/${pid}`, { warm, baseline: bareRoute, min: 0.5 });
      await measure("GET /api/products signed in (Next)", `${shop}/api/products`, { warm, baseline: bareRoute, headers: session });
      await measure("GET /api/health", `${shop}/api/health`, { warm, baseline: bareRoute });
    }
  } else {
    bareRoute = await measure("bare: route, one SELECT 1", `${bare}/api/one`, { warm: true });
  }

  let postOk = true;
  if (ONLY !== "get") {
    log(
      `\nPOST /api/reservations: ${CLIENTS} connections over ${CLOSED_ACCOUNTS} signed-in accounts (then ${CLIENTS} paced clients, each its own account), real rate limits`,
    );
    const password = "bench-password-1";
    const t0 = performance.now();
    const closedClients = await signedIn(shop, await makeAccounts(db, CLOSED_ACCOUNTS, password, { prefix: "http" }), password);
    const pacedClients = await signedIn(shop, await makeAccounts(db, CLIENTS, password, { prefix: "http" }), password);
    log(`  ${CLOSED_ACCOUNTS + CLIENTS} accounts signed in through /api/auth/callback/credentials in ${fmt((performance.now() - t0) / 1000, 1)} s`);
    const product = await makeReservationProduct(db);
    const [warmR, hot, pacedR] = [
      await makeReservable(db, { ...product, capacity: 100_000, perCustomerLimit: null }),
      await makeReservable(db, { ...product, capacity: 500, perCustomerLimit: null }),
      await makeReservable(db, { ...product, capacity: 500, perCustomerLimit: null }),
    ];
    // Warm-up by the paced clients (the closed-loop accounts keep their whole rate-limit window).
    await wrk({ url: `${shop}/api/reservations`, connections: CLIENTS, seconds: WARM, script: reservationScript(pacedClients, warmR.id) });
    await decided(db, warmR.id);

    // The framework's floors for this POST, same connections, same body, in this run: the bare route's
    // POST (the JSON read, one SELECT 1) and the bare durable write (the JSON read, one INSERT committed).
    const postBody = { reservableId: hot.id, quantity: 1 };
    const bareFloor = async (label: string, pathname: string) => {
      await wrk({ url: `${bare}${pathname}`, connections: CLIENTS, seconds: WARM, script: postScript(pathname, postBody) });
      const r = await wrk({ url: `${bare}${pathname}`, connections: CLIENTS, seconds: SECONDS, script: postScript(pathname, postBody) });
      const floor: Row = { label, r };
      rows.push(floor);
      print(floor);
      return r;
    };
    const barePost = await bareFloor(`bare: POST, SELECT 1 (${CLIENTS} conns)`, "/api/one");
    const bareWrite = await bareFloor(`bare: POST, 1 INSERT (${CLIENTS} conns)`, "/api/write");

    const closed = await wrk({ url: `${shop}/api/reservations`, connections: CLIENTS, seconds: SECONDS, script: reservationScript(closedClients, hot.id) });
    const row: Row = { label: `POST /api/reservations (${CLIENTS} conns)`, r: closed, baseline: bareRoute, min: 0.5 };
    rows.push(row);
    print(row);
    log(
      `    the same POST against the bare floors of this run: ${fmt(closed.rate / barePost.rate, 2)}× the bare POST (SELECT 1, ${CLIENTS} conns), ${fmt(closed.rate / bareWrite.rate, 2)}× the bare durable INSERT (${CLIENTS} conns); the ratio above is to the GET route at ${CONNECTIONS} conns`,
    );
    const d = await decided(db, hot.id);
    const all202 = Object.keys(closed.statuses).every((k) => k === "202");
    log(
      `    answers: ${Object.entries(closed.statuses).map(([k, v]) => `${v}× ${k}`).join(", ")} (${all202 ? "all 202" : "NOT all 202"}); ${d.n} recorded, confirmed ${d.confirmed} of capacity 500, rejected ${d.rejected}`,
    );
    log(`    last decision ${fmt(d.afterMs)} ms after the last request was recorded (target ≤ 1,000 ms)`);

    // The floor of the paced target: the bare durable write, paced the same way by as many clients.
    const bareClients = Array.from({ length: CLIENTS }, () => new Client(bare));
    const floor = await paced(bareClients, "/api/write", postBody);
    log(
      `  bare: POST, 1 INSERT paced at ${PACED_RATE}/s (the same client, ${fmt(floor.cpuShare * 100)}% of one core): ${fmt(floor.latencies.length)} requests → p50 ${fmt(percentile(floor.latencies, 50), 1)} ms | p99 ${fmt(percentile(floor.latencies, 99), 1)} ms | max ${fmt(Math.max(...floor.latencies), 1)} ms | answers: ${Object.entries(floor.statuses).map(([k, v]) => `${v}× ${k}`).join(", ")}`,
    );
    allFiveXX += fiveXX(floor.statuses);

    const p = await paced(pacedClients, "/api/reservations", { reservableId: pacedR.id, quantity: 1 });
    const pd = await decided(db, pacedR.id);
    const total = Object.values(p.statuses).reduce((a, b) => a + b, 0);
    const p99 = percentile(p.latencies, 99);
    log(
      `  POST /api/reservations paced at ${PACED_RATE}/s (open loop, node:http client, ${fmt(p.cpuShare * 100)}% of one core): ${fmt(total)} requests in ${fmt(p.wallMs / 1000, 1)} s → ${fmt(total / (p.wallMs / 1000))} req/s | p50 ${fmt(percentile(p.latencies, 50), 1)} ms | p99 ${fmt(p99, 1)} ms (target < 100) | max ${fmt(Math.max(...p.latencies), 1)} ms`,
    );
    log(
      `    answers: ${Object.entries(p.statuses).map(([k, v]) => `${v}× ${k}`).join(", ")}; last decision ${fmt(pd.afterMs)} ms after the last request was recorded`,
    );
    allFiveXX += fiveXX(p.statuses);
    postOk =
      all202 &&
      closed.rate >= 0.5 * bareRoute!.rate &&
      d.afterMs <= 1000 &&
      Object.keys(p.statuses).every((k) => k === "202") &&
      p99 < 100;
  }

  allFiveXX += rows.reduce((n, r) => n + fiveXX(r.r.statuses), 0);
  const ratiosOk = rows.every((r) => !r.min || !r.baseline || r.r.rate >= r.min * r.baseline.rate);
  const htmlOk = kb(home.body) <= 80;
  log(`\n5xx answers in the whole run: ${allFiveXX}`);
  log(
    `Targets: ratios ${ratiosOk ? "met" : "NOT met"}; POST (all 202, ≥ 0.5×, last decision ≤ 1 s, paced p99 < 100 ms) ${postOk ? "met" : "NOT met"}; HTML ≤ 80 KB ${htmlOk ? "met" : "NOT met"}; zero 5xx ${allFiveXX === 0 ? "met" : "NOT met"}`,
  );
  log(`Load average at the end ${loadAverage()}; total bench time ${fmt((performance.now() - started) / 1000, 1)} s`);
  return ratiosOk && postOk && htmlOk && allFiveXX === 0;
}

runBench(main);
