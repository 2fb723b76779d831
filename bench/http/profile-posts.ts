/**
 * The hot POSTs' own cost, without the web server: calls the route handlers of POST /api/reservations
 * and POST /api/orders in this process (as Next would: a real Request with a real session cookie),
 * 50 at a time, and prints the time per call. Run it under the profiler to see where a request's CPU
 * goes: BENCH_PROFILE=<dir> writes one CPU profile of each measured run there (the V8 profiler,
 * started after the warm-up), to read with `node --import tsx bench/http/cpu-profile.ts <file>`.
 *
 * Its own embedded PostgreSQL (bench/database.ts), durable commits, the real rate limits.
 * BENCH_CALLS (3000 per route, after 600 to warm up).
 */
import { randomUUID } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import path from "node:path";
import { encode } from "next-auth/jwt";
import { NextRequest } from "next/server";
import { createDb } from "@/db/client";
import { seed } from "@/db/seed";
import { runMigrations } from "@/db/setup";
import { users } from "@/db/schema";
import { DUMMY_HASH } from "@/lib/auth/password";
import { makeReservable, makeReservationProduct } from "@/lib/reservations/testing";
import { address, demoIds, setStock } from "@/test/orders-fixtures";
import { benchDatabase } from "../database";

const CALLS = Number(process.env.BENCH_CALLS ?? 3000);
const log = (m: string) => console.log(m);

type Handler = (req: NextRequest, ctx: { params: Promise<Record<string, never>> }) => Promise<Response>;

/** Runs `fn` under the V8 CPU profiler when BENCH_PROFILE names a directory; writes <dir>/<name>.cpuprofile. */
async function profiled(name: string, fn: () => Promise<void>) {
  const dir = process.env.BENCH_PROFILE;
  if (!dir) return fn();
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.setSamplingInterval", { interval: 200 });
  await session.post("Profiler.start");
  await fn();
  const { profile } = await session.post("Profiler.stop");
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.cpuprofile`);
  writeFileSync(file, JSON.stringify(profile));
  session.disconnect();
  log(`  profile: ${file}`);
}

async function main() {
  process.env.NEXTAUTH_SECRET ??= "bench-secret-0123456789abcdef0123456789";
  process.env.NEXTAUTH_URL ??= "http://localhost:3000";
  const database = await benchDatabase("hub_profile", () => {});
  try {
    process.env.DATABASE_URL = database.url;
    await runMigrations(database.url);
    const created = createDb(database.url);
    (globalThis as unknown as { __hubDb?: ReturnType<typeof createDb> }).__hubDb = created;
    const { db } = created;
    await seed(db);
    const ids = await demoIds(db);
    const hub = ids.loc("HUB-BUNDANG");
    const phone = ids.variant("SM-S931N-1-1");
    await setStock(db, hub, phone, 1_000_000);

    // Many accounts, so that the real create limit (30 a minute each) never refuses.
    const n = Math.ceil(((CALLS + 600) * 2) / 25);
    const rows = await db
      .insert(users)
      .values(Array.from({ length: n }, (_, i) => ({ email: `p-${i}-${randomUUID().slice(0, 6)}@bench.test`, name: `P ${i}`, role: "customer" as const, passwordHash: DUMMY_HASH })))
      .returning();
    const cookies = await Promise.all(
      rows.map(async (u) => {
        const token = await encode({
          secret: process.env.NEXTAUTH_SECRET!,
          token: { sub: u.id, uid: u.id, role: u.role, organisationId: u.organisationId, email: u.email, name: u.name },
        });
        return `next-auth.session-token=${token}`;
      }),
    );
    const reservable = await makeReservable(db, { ...(await makeReservationProduct(db)), capacity: 1_000_000 });
    const { POST: reserve } = (await import("@/app/api/reservations/route")) as unknown as { POST: Handler };
    const { POST: order } = (await import("@/app/api/orders/route")) as unknown as { POST: Handler };

    let c = 0;
    const run = async (label: string, handler: Handler, body: () => unknown, status: number, calls: number) => {
      let next = 0;
      const statuses = new Map<number, number>();
      const t0 = performance.now();
      const cpu0 = process.cpuUsage();
      await Promise.all(
        Array.from({ length: 50 }, async () => {
          while (next++ < calls) {
            const req = new NextRequest("http://localhost:3000/api/x", {
              method: "POST",
              headers: { cookie: cookies[c++ % cookies.length]!, "content-type": "application/json" },
              body: JSON.stringify(body()),
            });
            const res = await handler(req, { params: Promise.resolve({}) });
            await res.text();
            statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          }
        }),
      );
      const ms = performance.now() - t0;
      const cpu = process.cpuUsage(cpu0);
      log(
        `${label}: ${calls} calls, 50 at a time, ${(calls / (ms / 1000)).toFixed(0)}/s; this process's CPU ${((cpu.user + cpu.system) / 1000 / calls).toFixed(3)} ms a call; answers ${[...statuses].map(([k, v]) => `${v}× ${k}`).join(", ")}${statuses.get(status) === calls ? "" : " (UNEXPECTED)"}`,
      );
    };
    const reservationBody = () => ({ reservableId: reservable.id, quantity: 1 });
    const orderBody = () => ({ items: [{ variantId: phone, quantity: 1 }], sourceLocationId: hub, shippingAddress: address() });
    await run("warm-up POST /api/reservations", reserve, reservationBody, 202, 300);
    await run("warm-up POST /api/orders", order, orderBody, 201, 300);
    await profiled("reservations", () => run("POST /api/reservations", reserve, reservationBody, 202, CALLS));
    await profiled("orders", () => run("POST /api/orders", order, orderBody, 201, CALLS));
    await created.sql.end({ timeout: 5 });
  } finally {
    await database.stop();
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
