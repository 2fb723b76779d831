/**
 * The orders benchmark (`npm run bench:orders`). One run, one PostgreSQL (an embedded server in a temp
 * directory, or DATABASE_URL's), durable commits throughout (fsync and synchronous_commit untouched):
 *
 *   (a) the raw limit: one-statement transactions updating one hot stock row, per second;
 *   (b) orders placed per second through lib/ (placeOrder) on that one hot row;
 *   (c) the same, spread over 100 stock rows;
 *   (d) over HTTP against `npm start`: 600 orders for one variant holding 200, from 50 signed-in clients
 *       at once: answers per second, p50/p99, exactly 200 placed, never a 5xx.
 *
 * It prints (b)/(a), (c)/(b) and (d), and stops everything it started.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { and, eq, inArray, sql } from "drizzle-orm";
import postgres from "postgres";
import { createDb } from "@/db/client";
import { freePort } from "@/db/embedded";
import { runMigrations } from "@/db/setup";
import { seed } from "@/db/seed";
import { locations, stockLevels, users, variants } from "@/db/schema";
import { hashPassword } from "@/lib/auth/password";
import { ledgerDrift } from "@/lib/inventory/queries";
import { placeOrder } from "@/lib/orders/place-order";
import { makeCustomers } from "@/lib/reservations/testing";
import { setStock } from "@/test/orders-fixtures";
import { benchDatabase, type BenchDatabase } from "../database";
import { Client, send, waitFor } from "../http-client";

const CLIENTS = 50;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 6);
const WARMUP_MS = 1500;
const WARMUP_ROUNDS = 60; // × 50 clients: 3,000 requests, half placed, half refused
const log = (m: string) => console.log(`[bench] ${m}`);
const address = {
  name: "벤치 고객",
  phone: "010-0000-0000",
  line1: "서울특별시 강남구 강남대로 396",
  postalCode: "06232",
  region: "seoul",
};


/** Runs `fn` in `clients` loops for `seconds` after a warm-up; returns completed calls per second. */
async function rate(clients: number, seconds: number, fn: (i: number) => Promise<unknown>) {
  let i = 0;
  const loop = async (until: number, counter: { n: number; failed: number }) => {
    while (Date.now() < until) {
      try {
        await fn(i++);
        counter.n++;
      } catch {
        counter.failed++;
      }
    }
  };
  const warm = { n: 0, failed: 0 };
  const warmUntil = Date.now() + WARMUP_MS;
  await Promise.all(Array.from({ length: clients }, () => loop(warmUntil, warm)));
  const measured = { n: 0, failed: 0 };
  const t0 = performance.now();
  const until = Date.now() + seconds * 1000;
  await Promise.all(Array.from({ length: clients }, () => loop(until, measured)));
  const elapsed = (performance.now() - t0) / 1000;
  return { perSecond: measured.n / elapsed, n: measured.n, failed: measured.failed };
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};

async function main() {
  const started: { server?: ChildProcess; pg?: BenchDatabase } = {};
  const stop = async () => {
    if (started.server && started.server.exitCode === null) {
      started.server.kill("SIGTERM");
      await new Promise((r) => started.server!.once("exit", r));
    }
    await started.pg?.stop();
  };
  process.on("SIGINT", () => void stop().then(() => process.exit(130)));
  try {
    started.pg = await benchDatabase("hub_bench_orders", log);
    const { url } = started.pg;
    log(`PostgreSQL: ${started.pg.label}; durable commits (fsync and synchronous_commit untouched)`);
    await runMigrations(url);
    const { db, sql: pool } = createDb(url, { max: CLIENTS, timeouts: false });
    await seed(db);
    const settings =
      await pool`select current_setting('fsync') as fsync, current_setting('synchronous_commit') as sc`;
    log(`fsync=${settings[0]!.fsync} synchronous_commit=${settings[0]!.sc}`);

    const [hub] = await db.select().from(locations).where(eq(locations.code, "HUB-GANGNAM"));
    const [hot] = await db.select().from(variants).where(eq(variants.sku, "SM-S931N-1-1"));
    await setStock(db, hub!.id, hot!.id, 10_000_000);
    const customers = await makeCustomers(db, CLIENTS);

    const only = process.env.BENCH_PARTS; // e.g. "d" while working on the HTTP path
    let a = { perSecond: NaN, n: 0, failed: 0 };
    let b = { perSecond: NaN, n: 0, failed: 0 };
    let c = { perSecond: NaN, n: 0, failed: 0 };
    let oversellB = false;
    if (!only || only.includes("a")) {
      // (a) the raw limit.
      const raw = postgres(url, { max: CLIENTS, onnotice: () => {} });
      a = await rate(
        CLIENTS,
        SECONDS,
        () =>
          raw`update stock_levels set updated_at = now() where location_id = ${hub!.id} and variant_id = ${hot!.id}`,
      );
      await raw.end();
      log(`(a) raw hot-row updates, ${CLIENTS} connections: ${a.perSecond.toFixed(0)}/s`);

      // (b) orders through lib/ on the hot row.
      const hotBefore = (
        await db
          .select()
          .from(stockLevels)
          .where(and(eq(stockLevels.locationId, hub!.id), eq(stockLevels.variantId, hot!.id)))
      )[0]!;
      b = await rate(CLIENTS, SECONDS, (i) =>
        placeOrder(db, customers[i % CLIENTS]!, {
          items: [{ variantId: hot!.id, quantity: 1 }],
          sourceLocationId: hub!.id,
          shippingAddress: address,
        }),
      );
      const hotAfter = (
        await db
          .select()
          .from(stockLevels)
          .where(and(eq(stockLevels.locationId, hub!.id), eq(stockLevels.variantId, hot!.id)))
      )[0]!;
      const placedB = (
        await db.execute(sql`select count(*)::int as n from order_items where variant_id = ${hot!.id}`)
      )[0]!.n as number;
      oversellB = hotAfter.reserved - hotBefore.reserved !== placedB || hotAfter.reserved > hotAfter.onHand;
      log(
        `(b) orders through lib/ on one hot row: ${b.perSecond.toFixed(0)}/s (${b.failed} failed); reserved ${hotAfter.reserved} = orders ${placedB}: ${oversellB ? "OVERSOLD" : "zero oversell"}`,
      );

      // (c) the same, spread over 100 rows (retailer variants at centers and hubs, plenty of stock).
      const spread = (await db.execute(sql`
      select s.location_id as "locationId", s.variant_id as "variantId" from stock_levels s
      join locations l on l.id = s.location_id join variants v on v.id = s.variant_id join products p on p.id = v.product_id
      join organisations o on o.id = p.seller_id
      where l.kind <> 'seller_warehouse' and o.kind = 'retailer' and p.status = 'on_sale' and p.type = 'stock'
        and not (s.location_id = ${hub!.id} and s.variant_id = ${hot!.id})
      order by md5(s.location_id::text || s.variant_id::text) limit 100`)) as unknown as {
        locationId: string;
        variantId: string;
      }[];
      await db.execute(sql`update stock_levels set on_hand = on_hand + 1000000 where (location_id, variant_id) in (
      select * from unnest(${sql.param(spread.map((r) => r.locationId))}::uuid[], ${sql.param(spread.map((r) => r.variantId))}::uuid[]))`);
      await db.execute(sql`insert into stock_movements (location_id, variant_id, kind, on_hand_delta, ref_type, ref_id)
      select * , 'adjustment'::movement_kind, 1000000, 'bench', 'spread' from unnest(${sql.param(spread.map((r) => r.locationId))}::uuid[], ${sql.param(spread.map((r) => r.variantId))}::uuid[])`);
      c = await rate(CLIENTS, SECONDS, (i) => {
        const r = spread[Math.floor(Math.random() * spread.length)]!;
        return placeOrder(db, customers[i % CLIENTS]!, {
          items: [{ variantId: r.variantId, quantity: 1 }],
          sourceLocationId: r.locationId,
          shippingAddress: address,
        });
      });
      log(
        `(c) orders through lib/ over ${spread.length} rows: ${c.perSecond.toFixed(0)}/s (${c.failed} failed)`,
      );
      const drift = await ledgerDrift(db);
      log(
        `ledger after (a)–(c): ${drift.length === 0 ? "every level equals the sum of its ledger" : `${drift.length} levels DRIFT`}`,
      );
    }
    await pool.end();

    // (d) over HTTP against `npm start` on the same PostgreSQL.
    const port = await freePort(3190);
    log(
      `(d) starting the shop (npm start path) on port ${port}; it reseeds the database and builds if the build is stale…`,
    );
    started.server = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
      env: {
        ...process.env,
        PORT: String(port),
        DATABASE_URL: url,
        HUB_RESEED: "1",
        HUB_NO_WORKER: "1",
        // each of the 50 customers sends far more than a shopper would: raise the limits (they are
        // still counted, so their cost is in the figure) rather than turn them off.
        HUB_RATE_CREATES_PER_MINUTE: "1000000",
        NEXTAUTH_SECRET: "bench-secret-0123456789abcdef0123456789",
        NEXTAUTH_URL: `http://localhost:${port}`,
      },
      stdio: ["ignore", "ignore", "inherit"],
    });
    const base = `http://127.0.0.1:${port}`;
    await waitFor(`${base}/api/health`, 600_000);
    const d2 = createDb(url, { max: 4, timeouts: false });
    const password = "bench-password-123";
    const hash = await hashPassword(password);
    const emails = Array.from({ length: CLIENTS }, (_, i) => `bench-http-${i}@bench.test`);
    await d2.db.delete(users).where(inArray(users.email, emails));
    await d2.db.insert(users).values(
      emails.map((email, i) => ({
        email,
        name: `HTTP ${i}`,
        role: "customer" as const,
        passwordHash: hash,
      })),
    );
    const [dHub] = await d2.db.select().from(locations).where(eq(locations.code, "HUB-GANGNAM"));
    const [dHot] = await d2.db.select().from(variants).where(eq(variants.sku, "SM-S938N-1-1"));
    const [warmVariant] = await d2.db.select().from(variants).where(eq(variants.sku, "SM-S938N-2-2"));
    const [soldOut] = await d2.db.select().from(variants).where(eq(variants.sku, "SM-S938N-2-1"));
    await setStock(d2.db, dHub!.id, dHot!.id, 200);
    await setStock(d2.db, dHub!.id, warmVariant!.id, 10_000);
    await setStock(d2.db, dHub!.id, soldOut!.id, 0);
    const clients = emails.map(() => new Client(base));
    await Promise.all(clients.map((cl, i) => cl.signIn(emails[i]!, password)));
    log(`(d) ${CLIENTS} customers signed in; warming up…`);
    const order = (cl: Client, variantId: string) =>
      cl.request("POST", "/api/orders", {
        items: [{ variantId, quantity: 1 }],
        sourceLocationId: dHub!.id,
        shippingAddress: address,
      });
    // A shop on launch day has been serving for a while: warm both paths the run takes (placing, and
    // refusing what is short) so that the figure is the server's, not V8's first compilations.
    for (let round = 0; round < WARMUP_ROUNDS; round++)
      await Promise.all(clients.map((cl, i) => order(cl, (round + i) % 2 ? warmVariant!.id : soldOut!.id)));

    // For scale: the same server answering its cheapest route (no session, one `select 1`).
    const health = await rate(CLIENTS, 3, () => send(`${base}/api/health`));
    log(`(d) baseline: GET /api/health from ${CLIENTS} clients: ${health.perSecond.toFixed(0)}/s`);

    const statuses = new Map<number, number>();
    const latencies: number[] = [];
    const refusedLatencies: number[] = [];
    const placedLatencies: number[] = [];
    let lastPlaced = 0;
    const t0 = performance.now();
    await Promise.all(
      clients.map(async (cl) => {
        for (let k = 0; k < 600 / CLIENTS; k++) {
          const s = performance.now();
          const res = await order(cl, dHot!.id);
          latencies.push(performance.now() - s);
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          if (res.status === 201) {
            lastPlaced = performance.now();
            placedLatencies.push(lastPlaced - s);
          } else if (res.status === 409) refusedLatencies.push(performance.now() - s);
        }
      }),
    );
    const elapsed = (performance.now() - t0) / 1000;
    log(
      `(d) the 200 placed within ${((lastPlaced - t0) / 1000).toFixed(2)} s; placed p50/p99 ${pct(placedLatencies, 50).toFixed(0)}/${pct(placedLatencies, 99).toFixed(0)} ms, ` +
        `refused p50/p99 ${pct(refusedLatencies, 50).toFixed(0)}/${pct(refusedLatencies, 99).toFixed(0)} ms`,
    );
    const level = (
      await d2.db
        .select()
        .from(stockLevels)
        .where(and(eq(stockLevels.locationId, dHub!.id), eq(stockLevels.variantId, dHot!.id)))
    )[0]!;
    const dDrift = await ledgerDrift(d2.db);
    await d2.sql.end();
    const placed = statuses.get(201) ?? 0;
    const fiveXX = [...statuses].filter(([s]) => s >= 500).reduce((n, [, k]) => n + k, 0);
    const d = { perSecond: latencies.length / elapsed, p50: pct(latencies, 50), p99: pct(latencies, 99) };

    console.log("\n================ orders benchmark ================");
    console.log(`(a) raw limit, one hot row, ${CLIENTS} connections:  ${a.perSecond.toFixed(0)} updates/s`);
    console.log(
      `(b) placeOrder on that hot row, ${CLIENTS} clients:     ${b.perSecond.toFixed(0)} orders/s  (${oversellB ? "OVERSOLD" : "zero oversell"})`,
    );
    console.log(`(c) placeOrder over 100 rows, ${CLIENTS} clients:       ${c.perSecond.toFixed(0)} orders/s`);
    console.log(
      `(b)/(a) = ${(b.perSecond / a.perSecond).toFixed(2)}    (c)/(b) = ${(c.perSecond / b.perSecond).toFixed(2)}`,
    );
    console.log(
      `(d) HTTP, 600 orders for 200 units, ${CLIENTS} clients: ${d.perSecond.toFixed(0)} answers/s, p50 ${d.p50.toFixed(0)} ms, p99 ${d.p99.toFixed(0)} ms; ` +
        `statuses ${[...statuses]
          .sort()
          .map(([s, n]) => `${s}×${n}`)
          .join(" ")}; placed ${placed} (${placed === 200 ? "exactly the stock" : "NOT the stock"}), ` +
        `5xx ${fiveXX}; level on_hand ${level.onHand} reserved ${level.reserved}; ledger ${dDrift.length === 0 ? "consistent" : "DRIFT"}`,
    );
    console.log("==================================================");
  } finally {
    await stop();
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
