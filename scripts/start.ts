/**
 * `npm start`: the whole shop in one command. Provides the database (embedded unless DATABASE_URL),
 * migrates, seeds the demo data when allowed (db/seed/startup.ts), builds when the build is missing or stale, then runs the web
 * server and the reservation worker until Ctrl-C, and stops PostgreSQL cleanly.
 * `npm run dev` does the same with `next dev`.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { createDb } from "@/db/client";
import { demoUsers, DEMO_PASSWORD } from "@/db/seed/data";
import { demoAccounts, DemoAccountsInProduction, prepareData } from "@/db/seed/startup";
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

async function main() {
  let database: Awaited<ReturnType<typeof provideDatabase>>;
  try {
    database = await provideDatabase(log);
  } catch (e) {
    // One clear sentence of what to do (EmbeddedStartError says it), never a stack trace.
    console.error(`[hub] ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  }
  const { url, embedded } = database;
  const children: ChildProcess[] = [];
  let stopping = false;
  const stop = async (code = 0) => {
    if (stopping) return;
    stopping = true;
    log("Stopping…");
    for (const c of children) c.kill("SIGTERM");
    await Promise.all(children.map((c) => (c.exitCode !== null ? null : new Promise((r) => c.once("exit", r)))));
    await embedded?.stop();
    process.exit(code);
  };
  process.on("SIGINT", () => void stop());
  process.on("SIGTERM", () => void stop());

  try {
    await runMigrations(url);
    const { db, sql } = createDb(url, { max: 2 });
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
      NEXTAUTH_SECRET: authSecret(),
      NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://localhost:${port}`,
      PORT: String(port),
      NEXT_TELEMETRY_DISABLED: "1",
    };
    if (!dev) buildIfNeeded(env, log);

    // Production: scripts/serve.ts, Next behind a server that records the peer's address (rate limits).
    const web = dev
      ? spawn(process.execPath, [NEXT_BIN, "dev", "-p", String(port)], { stdio: "inherit", env })
      : spawn(process.execPath, ["--import", "tsx", path.resolve("scripts/serve.ts")], {
          stdio: "inherit",
          env: { ...env, NODE_ENV: "production" },
        });
    children.push(web);
    web.on("exit", (code) => void stop(code ?? 1));

    const workerEntry = path.resolve("lib/worker/main.ts");
    if (existsSync(workerEntry) && process.env.HUB_NO_WORKER !== "1") {
      const worker = spawn(process.execPath, ["--import", "tsx", workerEntry], { stdio: "inherit", env });
      children.push(worker);
      worker.on("exit", (code) => {
        if (!stopping) log(`The worker stopped (code ${code}).`);
      });
    }

    log(`Hub Commerce is running at http://localhost:${port}`);
    log(`Database: ${embedded ? `embedded PostgreSQL on port ${embedded.port} (data in ${process.env.HUB_DATA_DIR ?? ".data/pg"})` : "DATABASE_URL"}`);
    if (hasDemo) log(`Demo accounts (password \`${DEMO_PASSWORD}\`): ${demoUsers.map((u) => `${u.email} (${u.role})`).join(", ")}`);
    log("Press Ctrl-C to stop.");
  } catch (e) {
    console.error(e instanceof Error ? e.message : e);
    await stop(1);
  }
}

void main();
