/**
 * `npm run bench:soak`: a mixed load over HTTP against the real shop for a bounded time, then every
 * invariant checked (issue 14).
 *
 * The shop is started as bench/http starts it (bench/shop.ts: its own durable embedded PostgreSQL, the
 * build when missing or stale, scripts/start.ts with the web server and the worker, the real rate
 * limits). Virtual users of every role, each its own account signed in through Auth.js's credentials
 * flow and its own keep-alive connection (node:http, bench/http-client.ts), run journeys for
 * BENCH_SOAK_SECONDS: anonymous visitors browse and search; customers search, fill the cart, order,
 * cancel, reserve, pay and cancel reservations; marketing, dealers and sellers work their fulfilment
 * queues, transfers, counts and receipts, and read audit, KPIs and their products. Every answer is
 * recorded by endpoint; then the worker is given time to decide every reservation, and
 * test/invariants.ts checks the data. Exits 1 on any 5xx, any unexpected 4xx or lost answer, or any
 * violation.
 *
 * BENCH_SOAK_SECONDS (60), BENCH_SOAK_CUSTOMERS (24), BENCH_SOAK_ANONYMOUS (8), BENCH_SOAK_STAFF (2 per
 * organisation: 2 dealers, marketing, 2 marketplace sellers), BENCH_SOAK_THINK_MS (200: the pause
 * between steps, uniform over 0 to twice it), BENCH_SOAK_TIMEOUT_MS (30,000), BENCH_SOAK_PORT (3490).
 */
import os from "node:os";
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { freePort } from "@/db/embedded";
import { buildIfNeeded } from "@/scripts/build-stamp";
import { invariantChecks, type InvariantCheck } from "@/test/invariants";
import { Client, send } from "../http-client";
import { durableDatabase, fmt, loadAverage, makeAccounts, runBench, signedIn, startShop } from "../shop";
import { anonymous, customer } from "./customers";
import { Recorder } from "./record";
import { ownLocations, staff, type Role, type Staff } from "./staff";
import { readWorld, runUser } from "./world";

const SECONDS = Number(process.env.BENCH_SOAK_SECONDS ?? 60);
const CUSTOMERS = Number(process.env.BENCH_SOAK_CUSTOMERS ?? 24);
const ANONYMOUS = Number(process.env.BENCH_SOAK_ANONYMOUS ?? 8);
const STAFF = Number(process.env.BENCH_SOAK_STAFF ?? 2);
const TIMEOUT_MS = Number(process.env.BENCH_SOAK_TIMEOUT_MS ?? 30_000);
const PASSWORD = "soak-password-1";
const log = (m: string) => console.log(m);

/** Accounts of every staff role, STAFF per organisation, in the seeded organisations. */
async function staffAccounts(db: Db) {
  const orgs = await db.execute<{ id: string; kind: string; name_en: string }>(
    sql`select id, kind, name_en from organisations where kind in ('dealer', 'marketing', 'seller') order by kind, name_en`,
  );
  const out: { role: Role; org: string; emails: string[] }[] = [];
  for (const o of orgs) {
    const role = o.kind as Role;
    const emails = await makeAccounts(db, STAFF, PASSWORD, {
      prefix: `soak-${role}`,
      role,
      organisationId: o.id,
    });
    out.push({ role, org: o.name_en, emails });
  }
  return out;
}

/** Waits (up to 30 s) for the worker to decide every reservation; how many are still pending. */
async function undecided(db: Db) {
  const t0 = performance.now();
  for (;;) {
    const [row] = await db.execute<{ n: number }>(
      sql`select count(*)::int as n from reservations where status = 'pending'`,
    );
    if (row!.n === 0 || performance.now() - t0 > 30_000)
      return { pending: row!.n, waitedMs: performance.now() - t0 };
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** What the load left in the database, by status: one line each. */
async function outcome(db: Db) {
  const rows = await db.execute<{ what: string; status: string; n: number }>(sql`
    select 'orders' as what, status::text, count(*)::int as n from orders group by 2
    union all select 'seller orders', status::text, count(*)::int from seller_orders group by 2
    union all select 'reservations', status::text, count(*)::int from reservations group by 2
    union all select 'transfers', status::text, count(*)::int from transfers group by 2
    order by 1, 3 desc`);
  const by = new Map<string, string[]>();
  for (const r of rows) by.set(r.what, [...(by.get(r.what) ?? []), `${fmt(r.n)} ${r.status}`]);
  return [...by].map(([what, parts]) => `  ${what}: ${parts.join(", ")}`);
}

function printCheck(c: InvariantCheck) {
  log(`  ${c.violations.length ? "FAIL" : "pass"}  ${c.name}: ${c.figures}`);
  for (const v of c.violations.slice(0, 5)) log(`        ${v}`);
  if (c.violations.length > 5) log(`        … and ${c.violations.length - 5} more`);
}

runBench(async (cleanups) => {
  const started = performance.now();
  log(
    `Soak (issue 14) — ${os.cpus().length} CPU cores, Node ${process.version}; load average at start ${loadAverage()}`,
  );
  const { db, url } = await durableDatabase("hub_soak", cleanups, log);
  buildIfNeeded({ ...process.env, DATABASE_URL: url, NEXT_TELEMETRY_DISABLED: "1" }, log);
  const port = await freePort(Number(process.env.BENCH_SOAK_PORT ?? 3490));
  const shopProcess = await startShop(url, port, cleanups, { logPrefix: "hub-bench-soak" });
  const base = `http://127.0.0.1:${port}`;
  const limits = Object.entries(process.env).filter(([k]) => k.startsWith("HUB_RATE_"));
  log(`Shop (npm start: scripts/serve.ts + the worker) on ${base}, log ${shopProcess.logFile}`);
  log(
    `Rate limits: ${limits.length ? limits.map(([k, v]) => `${k}=${v}`).join(", ") : "the shop's defaults (no HUB_RATE_* set)"}`,
  );

  const t0 = performance.now();
  const customerEmails = await makeAccounts(db, CUSTOMERS, PASSWORD, { prefix: "soak-customer" });
  const staffGroups = await staffAccounts(db);
  const customers = await signedIn(base, customerEmails, PASSWORD, { timeoutMs: TIMEOUT_MS, batch: 4 });
  const staffUsers: Staff[] = [];
  for (const g of staffGroups)
    for (const c of await signedIn(base, g.emails, PASSWORD, { timeoutMs: TIMEOUT_MS, batch: 4 }))
      staffUsers.push({ c, role: g.role, own: await ownLocations(c) });
  const visitors = Array.from({ length: ANONYMOUS }, () => new Client(base, TIMEOUT_MS));
  const world = await readWorld(visitors[0] ?? new Client(base, TIMEOUT_MS));
  log(
    `${fmt(customers.length + staffUsers.length)} accounts signed in through /api/auth/callback/credentials in ${fmt((performance.now() - t0) / 1000, 1)} s: ` +
      `${customers.length} customers; ${staffGroups.map((g) => `${g.emails.length} ${g.role} (${g.org})`).join(", ")}; and ${visitors.length} anonymous visitors`,
  );
  log(
    `Catalog: ${world.stock.length} stock products, ${world.reservation.length} reservation products, ${world.locations.length} locations`,
  );

  let until = 0;
  const rec = new Recorder(() => until);
  log(
    `\nLoad: ${SECONDS} s of journeys, a pause of 0–${2 * Number(process.env.BENCH_SOAK_THINK_MS ?? 200)} ms between steps…`,
  );
  const cpu0 = process.cpuUsage();
  rec.startedAt = Date.now();
  until = rec.startedAt + SECONDS * 1000;
  await Promise.all([
    ...visitors.map((c) => runUser(rec, anonymous(c, rec, world))),
    ...customers.map((c) => runUser(rec, customer(c, rec, world))),
    ...staffUsers.map((s) => runUser(rec, staff(s, rec, world))),
  ]);
  rec.endedAt = Date.now();
  const cpu = process.cpuUsage(cpu0);
  const wall = (rec.endedAt - rec.startedAt) / 1000;
  const t = rec.totals();
  log(
    `${fmt(t.all)} requests in ${fmt(wall, 1)} s (the last in flight at the end included) → ${fmt(t.all / wall, 1)} requests/s overall; ` +
      `the load generator took ${fmt(((cpu.user + cpu.system) / 1e6 / wall) * 100)}% of one core`,
  );
  log(
    `  answers: ${fmt(t.ok)} 2xx/3xx, ${fmt(t.refused)} refused as the API allows (409, 429), ${fmt(t.error)} errors (other 4xx, no answer), ${fmt(t.failure)} 5xx`,
  );
  for (const line of rec.table()) log(line);
  if (rec.samples.length) {
    log("  examples of errors and 5xx:");
    for (const s of rec.samples) log(`    ${s}`);
  }
  for (const [why, n] of rec.journeyErrors) log(`  a journey stopped on an unexpected answer ${n}×: ${why}`);

  const health = await send(`${base}/api/health`).catch((e: Error) => ({ status: e.message, body: "" }));
  const decided = await undecided(db);
  log(`\nAfter the load: /api/health ${health.status} ${health.body}`);
  for (const line of await outcome(db)) log(line);

  log("\nInvariants:");
  const checks: InvariantCheck[] = [
    ...(await invariantChecks(db, rec.acknowledged)),
    {
      name: "the worker decided every reservation",
      figures: `${fmt(decided.pending)} still pending ${fmt(decided.waitedMs / 1000, 1)} s after the load`,
      violations: decided.pending ? [`${decided.pending} reservations still pending after 30 s`] : [],
    },
    {
      name: "an Idempotency-Key replay answers the first order and creates nothing",
      figures: `${fmt(rec.replays.sent)} replays, ${fmt(rec.replays.matched)} answered 200 with the first order`,
      violations: rec.broken,
    },
  ];
  checks.forEach(printCheck);

  const violations = checks.reduce((n, c) => n + c.violations.length, 0);
  const journeyErrors = [...rec.journeyErrors.values()].reduce((a, b) => a + b, 0);
  const ok = t.failure === 0 && t.error === 0 && journeyErrors === 0 && violations === 0;
  log(
    `\nResult: ${fmt(t.failure)} 5xx, ${fmt(t.error)} errors, ${fmt(violations)} violations${journeyErrors ? `, ${journeyErrors} journeys stopped` : ""} — ${ok ? "PASS" : "FAIL"}`,
  );
  log(
    `Load average at the end ${loadAverage()}; total time ${fmt((performance.now() - started) / 1000, 1)} s`,
  );
  return ok;
});
