/**
 * What the HTTP benchmarks share (bench/http, bench/soak): a durable PostgreSQL of their own, the shop
 * started as `npm start` runs it, accounts signed in through Auth.js's credentials flow, and stopping
 * everything they started, in reverse order, however the run ends.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { createWriteStream } from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { createDb, type Db } from "@/db/client";
import { users } from "@/db/schema";
import { hashPassword } from "@/lib/auth/password";
import { benchDatabase } from "./database";
import { Client, send } from "./http-client";
import { stopProcessGroup } from "./process-group";

export const fmt = (n: number, d = 0) =>
  n.toLocaleString("en-US", { maximumFractionDigits: d, minimumFractionDigits: d });
export const loadAverage = () =>
  os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(" / ");

/** The nearest-rank percentile of `xs` (p in 0–100); NaN for none. */
export function percentile(xs: number[], p: number) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] ?? NaN;
}

/** What a run started, stopped again last-started-first when it ends. */
export class Cleanups {
  private fns: (() => Promise<void> | void)[] = [];
  add(fn: () => Promise<void> | void) {
    this.fns.push(fn);
  }
  async run() {
    for (const fn of this.fns.reverse()) await Promise.resolve(fn()).catch((e) => console.error(e));
    this.fns = [];
  }
}

/** Runs a bench's `main`, stops what it started, and exits 0 only when it returned true. */
export function runBench(main: (cleanups: Cleanups) => Promise<boolean>) {
  const cleanups = new Cleanups();
  main(cleanups)
    .then(async (ok) => {
      await cleanups.run();
      process.exit(ok ? 0 : 1);
    })
    .catch(async (e) => {
      console.error(e);
      await cleanups.run();
      process.exit(1);
    });
}

/**
 * The bench's own PostgreSQL (bench/database.ts) and a small pool on it; refuses to go on unless commits
 * are durable (fsync and synchronous_commit on), so no figure is bought by dropping durability.
 */
export async function durableDatabase(name: string, cleanups: Cleanups, log: (m: string) => void) {
  const database = await benchDatabase(name, () => {});
  cleanups.add(database.stop);
  const { db, sql: conn } = createDb(database.url, { max: 4 });
  cleanups.add(() => conn.end().then(() => {}));
  const [s] = await db.execute<{ fsync: string; sc: string; v: string }>(
    sql`select current_setting('fsync') as fsync, current_setting('synchronous_commit') as sc, current_setting('server_version') as v`,
  );
  if (s!.fsync !== "on" || s!.sc !== "on")
    throw new Error(`commits are not durable (fsync=${s!.fsync}, synchronous_commit=${s!.sc})`);
  log(`PostgreSQL ${s!.v} (${database.label}): fsync=${s!.fsync}, synchronous_commit=${s!.sc}`);
  return { db, url: database.url };
}

/** Starts a server in its own process group (stopping it stops its children) and waits for `readyUrl`. */
export async function startProcess(
  name: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  readyUrl: string,
  cleanups: Cleanups,
  logPrefix = "hub-bench-http",
) {
  const logFile = path.join(os.tmpdir(), `${logPrefix}-${name}-${process.pid}.log`);
  const out = createWriteStream(logFile);
  const child: ChildProcess = spawn(process.execPath, args, {
    env,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  child.stdout!.pipe(out);
  child.stderr!.pipe(out);
  cleanups.add(() => stopProcessGroup(child, 20_000));
  const deadline = Date.now() + 300_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited (${child.exitCode}); see ${logFile}`);
    try {
      if ((await send(readyUrl)).status === 200) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) throw new Error(`${name} did not come up; see ${logFile}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return { logFile, child };
}

/**
 * The shop as `npm start` runs it (scripts/start.ts: migrations, the demo data reseeded, scripts/serve.ts
 * and the reservation worker) on `url`, with the real rate limits unless `env` says otherwise.
 */
export async function startShop(
  url: string,
  port: number,
  cleanups: Cleanups,
  opts: { env?: Record<string, string | undefined>; logPrefix?: string } = {},
) {
  return startProcess(
    "shop",
    ["--import", "tsx", "scripts/start.ts"],
    {
      ...process.env,
      DATABASE_URL: url,
      PORT: String(port),
      HUB_DATA_DIR: path.join(os.tmpdir(), `hub-bench-unused-${process.pid}`),
      HUB_RESEED: "1",
      NEXTAUTH_SECRET: "bench-secret-0123456789abcdef0123456789",
      NEXTAUTH_URL: `http://localhost:${port}`,
      ...opts.env,
    },
    `http://127.0.0.1:${port}/api/health`,
    cleanups,
    opts.logPrefix,
  );
}

/** `n` accounts made in the database (one password hash for all); their emails. */
export async function makeAccounts(
  db: Db,
  n: number,
  password: string,
  opts: { prefix: string; role?: "customer" | "dealer" | "marketing" | "seller"; organisationId?: string } = {
    prefix: "bench",
  },
) {
  const passwordHash = await hashPassword(password);
  const role = opts.role ?? "customer";
  const emails = Array.from(
    { length: n },
    (_, i) => `${opts.prefix}-${i}-${randomUUID().slice(0, 8)}@bench.test`,
  );
  if (n === 0) return emails;
  await db.insert(users).values(
    emails.map((email, i) => ({
      email,
      name: `Bench ${i}`,
      role,
      organisationId: opts.organisationId ?? null,
      passwordHash,
    })),
  );
  return emails;
}

/**
 * A client per email, signed in through /api/auth/callback/credentials, `batch` at a time (each sign-in
 * is a scrypt hash on the server's libuv threadpool, four threads: a smaller batch finishes each sooner).
 */
export async function signedIn(
  base: string,
  emails: string[],
  password: string,
  opts: { timeoutMs?: number; batch?: number } = {},
) {
  const batch = opts.batch ?? 20;
  const clients = emails.map(() => new Client(base, opts.timeoutMs));
  for (let i = 0; i < clients.length; i += batch)
    await Promise.all(clients.slice(i, i + batch).map((c, k) => c.signIn(emails[i + k]!, password)));
  return clients;
}
