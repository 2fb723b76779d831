/**
 * `npm start`: the whole shop in one command. Provides the database (embedded unless DATABASE_URL),
 * migrates, seeds the demo data when allowed (db/seed/startup.ts), builds when the build is missing or stale, then runs the web
 * server and the reservation worker until Ctrl-C, and stops PostgreSQL cleanly. It keeps them running:
 * the worker, the web server and the embedded PostgreSQL are each started again when they die
 * (supervise, superviseEmbedded); what cannot be brought back stops the whole shop with one message.
 * `npm run dev` does the same with `next dev`.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { createDb } from "@/db/client";
import { demoUsers, DEMO_PASSWORD } from "@/db/seed/data";
import { demoAccounts, DemoAccountsInProduction, prepareData } from "@/db/seed/startup";
import { embeddedDataDir, superviseEmbedded } from "@/db/embedded";
import { provideDatabase, runMigrations } from "@/db/setup";
import { buildIfNeeded } from "./build-stamp";

const dev = process.argv.includes("--dev");
const port = Number(process.env.PORT ?? 3000);
const NEXT_BIN = path.resolve("node_modules/next/dist/bin/next");
const log = (m: string) => console.log(`[hub] ${m}`);

function authSecret(): string {
  if (process.env.NEXTAUTH_SECRET) return process.env.NEXTAUTH_SECRET;
  const file = path.resolve(".data/auth-secret");
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
  }
  return readFileSync(file, "utf8").trim();
}

/**
 * A child process kept running: when it exits without being asked to, it is started again after a
 * backoff (1 s, doubling to 30 s; back to 1 s once it has run for a minute), and each time is logged.
 * With `maxRestarts`, dying more than that many times within `windowMs` is given up on: `onGiveUp`.
 */
function supervise(
  name: string,
  start: () => ChildProcess,
  opts: { isStopping: () => boolean; maxRestarts?: number; windowMs?: number; onGiveUp?: (why: string) => void },
) {
  let current: ChildProcess;
  let backoff = 1000;
  const deaths: number[] = [];
  const run = () => {
    const startedAt = Date.now();
    current = start();
    current.once("exit", (code, signal) => {
      if (opts.isStopping()) return;
      const how = signal ? `killed by ${signal}` : `exit code ${code}`;
      const now = Date.now();
      if (now - startedAt > 60_000) backoff = 1000;
      deaths.push(now);
      while (deaths.length && now - deaths[0]! > (opts.windowMs ?? 120_000)) deaths.shift();
      if (opts.maxRestarts !== undefined && deaths.length > opts.maxRestarts) {
        opts.onGiveUp?.(`The ${name} stopped ${deaths.length} times in ${Math.round((opts.windowMs ?? 120_000) / 1000)} s (last: ${how})`);
        return;
      }
      log(`The ${name} stopped (${how}); starting it again in ${backoff / 1000} s.`);
      const wait = backoff;
      backoff = Math.min(backoff * 2, 30_000);
      setTimeout(() => {
        if (!opts.isStopping()) run();
      }, wait);
    });
  };
  run();
  return { current: () => current };
}

async function main() {
  let database: Awaited<ReturnType<typeof provideDatabase>>;
  try {
    database = await provideDatabase(log);
  } catch (e) {
    // One clear sentence of what to do (EmbeddedStartError says it), never a stack trace.
    console.error(`[hub] ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  }
  // `url` is what the shop's queries use (perhaps a pooler); `directUrl` is PostgreSQL itself, for
  // migrations, the seed and LISTEN (db/client.ts, directDatabaseUrl).
  const { url, directUrl, embedded } = database;
  const supervised: { current: () => ChildProcess }[] = [];
  let stopping = false;
  // The embedded server is restarted when it dies (db/embedded.ts), or the whole shop stops.
  const pg = embedded
    ? superviseEmbedded(embedded, {
        dataDir: embeddedDataDir(),
        log,
        isStopping: () => stopping,
        onGiveUp: (why) => {
          console.error(`[hub] ${why} Stopping the shop.`);
          void stop(1);
        },
      })
    : undefined;
  const stop = async (code = 0) => {
    if (stopping) return;
    stopping = true;
    log("Stopping…");
    const children = supervised.map((s) => s.current()).filter((c) => c.exitCode === null && c.signalCode === null);
    for (const c of children) c.kill("SIGTERM");
    await Promise.all(children.map((c) => new Promise((r) => c.once("exit", r))));
    await pg?.stop();
    process.exit(code);
  };
  process.on("SIGINT", () => void stop());
  process.on("SIGTERM", () => void stop());
  try {
    await runMigrations(directUrl);
    const { db, sql } = createDb(directUrl, { max: 2, timeouts: false });
    let hasDemo: boolean;
    try {
      await prepareData(db, { embedded: embedded !== undefined, log });
      hasDemo = (await demoAccounts(db)).length > 0;
    } catch (e) {
      await sql.end();
      if (!(e instanceof DemoAccountsInProduction)) throw e;
      console.error(`[hub] ${e.message}`); // one sentence, no stack trace
      return void stop(1);
    }
    await sql.end();

    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: url,
      DATABASE_DIRECT_URL: directUrl,
      NEXTAUTH_SECRET: authSecret(),
      NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://localhost:${port}`,
      PORT: String(port),
      NEXT_TELEMETRY_DISABLED: "1",
    };
    if (!dev) buildIfNeeded(env, log);

    // Production: scripts/serve.ts, Next behind a server that records the peer's address (rate limits).
    // A web server that dies is started again; one that keeps dying (a port taken, a broken build)
    // stops the whole shop with one message, never leaving the worker and database up without it.
    const startWeb = () =>
      dev
        ? spawn(process.execPath, [NEXT_BIN, "dev", "-p", String(port)], { stdio: "inherit", env })
        : spawn(process.execPath, ["--import", "tsx", path.resolve("scripts/serve.ts")], {
            stdio: "inherit",
            env: { ...env, NODE_ENV: "production" },
          });
    supervised.push(
      supervise("web server", startWeb, {
        isStopping: () => stopping,
        maxRestarts: 5,
        windowMs: 120_000,
        onGiveUp: (why) => {
          console.error(`[hub] ${why}: stopping the shop. See the web server's messages above.`);
          void stop(1);
        },
      }),
    );

    // The worker is started again whenever it dies (backoff up to 30 s); /api/health says `stalled`
    // while requests wait with no worker beating (lib/identity/health.ts).
    const workerEntry = path.resolve("lib/worker/main.ts");
    if (existsSync(workerEntry) && process.env.HUB_NO_WORKER !== "1") {
      const startWorker = () => spawn(process.execPath, ["--import", "tsx", workerEntry], { stdio: "inherit", env });
      supervised.push(supervise("worker", startWorker, { isStopping: () => stopping }));
    }

    log(`Hub Commerce is running at http://localhost:${port}`);
    log(`Database: ${embedded ? `embedded PostgreSQL on port ${embedded.port} (data in ${embeddedDataDir()})` : "DATABASE_URL"}`);
    if (hasDemo) log(`Demo accounts (password \`${DEMO_PASSWORD}\`): ${demoUsers.map((u) => `${u.email} (${u.role})`).join(", ")}`);
    log("Press Ctrl-C to stop.");
  } catch (e) {
    console.error(e instanceof Error ? e.message : e);
    await stop(1);
  }
}

void main();
