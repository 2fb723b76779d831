/**
 * Runs the Playwright suite in Debian's Chromium. A new machine may not have it: as root on Debian we
 * install it (apt-get), otherwise we stop at once with the one command to run.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

function ensureChromium() {
  if (existsSync(CHROMIUM)) return;
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  const hasApt = existsSync("/usr/bin/apt-get");
  if (isRoot && hasApt) {
    console.log("[e2e] Debian's Chromium is missing: installing it with apt-get (once per machine)…");
    const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
    const update = spawnSync("apt-get", ["update"], { stdio: "inherit", env });
    const install = update.status === 0 && spawnSync("apt-get", ["install", "-y", "--no-install-recommends", "chromium", "fonts-noto-cjk"], { stdio: "inherit", env });
    if (install && install.status === 0 && existsSync(CHROMIUM)) return;
  }
  console.error(`\n[e2e] The end-to-end tests need Debian's Chromium at ${CHROMIUM}. Install it with:\n\n    sudo apt-get install -y chromium fonts-noto-cjk\n`);
  process.exit(1);
}

ensureChromium();
// `--prepare`: only make sure Chromium is there (scripts/test.sh fetches it while the other tests run).
if (process.argv.includes("--prepare")) process.exit(0);
const r = spawnSync(process.execPath, ["node_modules/@playwright/test/cli.js", "test", ...process.argv.slice(2)], { stdio: "inherit", env: { ...process.env, DATABASE_URL: "" } });
process.exit(r.status ?? 1);
