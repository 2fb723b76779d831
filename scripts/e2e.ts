/**
 * Runs the Playwright suite in Debian's Chromium. A new machine may not have it: as root on Debian we
 * install it (apt-get), otherwise we stop at once with the one command to run. PgBouncer (Debian's
 * package, for e2e/instances.spec.ts) is installed the same way; without it that one test is skipped,
 * saying why.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const PGBOUNCER = "/usr/sbin/pgbouncer";

let updated = false;
/** apt-get install as root on Debian (one `apt-get update` per run); false where that cannot be done. */
function aptInstall(what: string, packages: string[]): boolean {
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  if (!isRoot || !existsSync("/usr/bin/apt-get")) return false;
  console.log(`[e2e] ${what} is missing: installing it with apt-get (once per machine)…`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  if (!updated) updated = spawnSync("apt-get", ["update"], { stdio: "inherit", env }).status === 0;
  return updated && spawnSync("apt-get", ["install", "-y", "--no-install-recommends", ...packages], { stdio: "inherit", env }).status === 0;
}

function ensureChromium() {
  if (existsSync(CHROMIUM)) return;
  if (aptInstall("Debian's Chromium", ["chromium", "fonts-noto-cjk"]) && existsSync(CHROMIUM)) return;
  console.error(`\n[e2e] The end-to-end tests need Debian's Chromium at ${CHROMIUM}. Install it with:\n\n    sudo apt-get install -y chromium fonts-noto-cjk\n`);
  process.exit(1);
}

function ensurePgBouncer() {
  if (existsSync(PGBOUNCER)) return;
  if (aptInstall("PgBouncer", ["pgbouncer"]) && existsSync(PGBOUNCER)) return;
  console.warn(`\n[e2e] PgBouncer is not installed: the test through it will be skipped. Install it with:\n\n    sudo apt-get install -y pgbouncer\n`);
}

ensureChromium();
ensurePgBouncer();
// `--prepare`: only make sure Chromium and PgBouncer are there (scripts/test.sh fetches them while the
// other tests run).
if (process.argv.includes("--prepare")) process.exit(0);
// A spec named on the command line runs alone: without --no-deps, naming e2e/instances.spec.ts would
// run its project's dependency (every browser spec) first.
const args = process.argv.slice(2);
const named = args.some((a) => /\.spec\.ts(:\d+)*$/.test(a)) && !args.includes("--no-deps");
const r = spawnSync(process.execPath, ["node_modules/@playwright/test/cli.js", "test", ...args, ...(named ? ["--no-deps"] : [])], {
  stdio: "inherit",
  env: { ...process.env, DATABASE_URL: "" },
});
process.exit(r.status ?? 1);
