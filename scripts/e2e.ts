/**
 * Runs the Playwright suite in Debian's Chromium, with Debian's PgBouncer for e2e/instances.spec.ts.
 * A new machine may not have them: as root on Debian we install them (apt-get), otherwise we stop at
 * once with the one command to run.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const PGBOUNCER = process.env.PGBOUNCER_PATH ?? "/usr/sbin/pgbouncer";

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

/** The program at `file`, installed from `packages` when missing, or a stop with the command to run. */
function ensure(what: string, file: string, packages: string[]) {
  if (existsSync(file)) return;
  if (aptInstall(what, packages) && existsSync(file)) return;
  console.error(`\n[e2e] The end-to-end tests need ${what} at ${file}. Install it with:\n\n    sudo apt-get install -y ${packages.join(" ")}\n`);
  process.exit(1);
}

ensure("Debian's Chromium", CHROMIUM, ["chromium", "fonts-noto-cjk"]);
ensure("PgBouncer", PGBOUNCER, ["pgbouncer"]);
// `--prepare`: only make sure Chromium and PgBouncer are there (scripts/test.sh fetches them while the
// other tests run).
if (process.argv.includes("--prepare")) process.exit(0);
// A spec named on the command line runs alone: without --no-deps, naming e2e/instances.spec.ts would
// run its project's dependency (every browser spec) first.
const args = process.argv.slice(2);
const named = args.some((a) => /\.spec\.ts(:\d+)*$/.test(a)) && !args.includes("--no-deps");
const r = spawnSync(process.execPath, ["node_modules/@playwright/test/cli.js", "test", ...args, ...(named ? ["--no-deps"] : [])], {
  stdio: "inherit",
  env: { ...process.env, DATABASE_URL: "", PGBOUNCER_PATH: PGBOUNCER },
});
process.exit(r.status ?? 1);
