/**
 * wrk, Debian's C load generator (it takes a small share of the cores it shares with the servers it
 * measures), driven by a Lua script that counts every answer by status and prints one JSON line.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

const WRK = process.env.WRK_PATH ?? "/usr/bin/wrk";

/** As scripts/e2e.ts does for Chromium: installed with apt-get when missing and running as root on Debian. */
export function ensureWrk(log: (m: string) => void): string {
  if (existsSync(WRK)) return WRK;
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  if (isRoot && existsSync("/usr/bin/apt-get")) {
    log("[bench] wrk is missing: installing Debian's package with apt-get (once per machine)…");
    const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
    const update = spawnSync("apt-get", ["update"], { stdio: "inherit", env });
    const install =
      update.status === 0 &&
      spawnSync("apt-get", ["install", "-y", "--no-install-recommends", "wrk"], { stdio: "inherit", env });
    if (install && install.status === 0 && existsSync(WRK)) return WRK;
  }
  console.error(`\n[bench] The HTTP benchmark needs wrk at ${WRK}. Install it with:\n\n    sudo apt-get install -y wrk\n`);
  process.exit(1);
}

export type WrkResult = {
  requests: number;
  seconds: number;
  rate: number;
  p50: number; // ms
  p99: number; // ms
  max: number; // ms
  statuses: Record<string, number>;
  socketErrors: { connect: number; read: number; write: number; timeout: number };
  /** Answers by the shop's page cache's `x-hub-cache` (hit, stale, miss, bypass), where it said. */
  caches: Record<string, number>;
  /** When wrk exited (Date.now()). */
  endedAt: number;
};

/** The Lua part every run shares: per-thread counts by status and by x-hub-cache, one JSON line at the end. */
const COUNTING = `
local threads = {}
function setup(thread)
  thread:set("tid", #threads)
  table.insert(threads, thread)
  if setup_more then setup_more(thread, #threads - 1) end
end
statuses = {}
caches = {}
function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
  local c = headers["x-hub-cache"]
  if c then caches[c] = (caches[c] or 0) + 1 end
end
function done(summary, latency, requests)
  local all, cached = {}, {}
  for _, t in ipairs(threads) do
    for k, v in pairs(t:get("statuses")) do all[k] = (all[k] or 0) + v end
    for k, v in pairs(t:get("caches")) do cached[k] = (cached[k] or 0) + v end
  end
  local parts, cparts = {}, {}
  for k, v in pairs(all) do table.insert(parts, string.format('"%d":%d', k, v)) end
  for k, v in pairs(cached) do table.insert(cparts, string.format('"%s":%d', k, v)) end
  io.write(string.format(
    'WRK_JSON {"requests":%d,"duration_us":%d,"p50":%f,"p99":%f,"max":%f,"connect":%d,"read":%d,"write":%d,"timeout":%d,"statuses":{%s},"caches":{%s}}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), latency.max,
    summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.timeout,
    table.concat(parts, ","), table.concat(cparts, ",")))
end
`;

const dir = mkdtempSync(path.join(os.tmpdir(), "hub-bench-wrk-"));
let scripts = 0;

/** A Lua script: `extra` (requests, per-thread setup) followed by the counting part. */
export function luaScript(extra = ""): string {
  const file = path.join(dir, `s${scripts++}.lua`);
  writeFileSync(file, `${extra}\n${COUNTING}`);
  return file;
}

/** A Lua string literal. */
export const lua = (s: string) => `"${s.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n")}"`;

export async function wrk(opts: {
  url: string;
  connections: number;
  seconds: number;
  threads?: number;
  script?: string;
  headers?: Record<string, string>;
}): Promise<WrkResult> {
  const args = [
    `-t${opts.threads ?? Math.min(2, opts.connections)}`,
    `-c${opts.connections}`,
    `-d${opts.seconds}s`,
    // Slow answers are measured, not dropped as timeouts (wrk's default gives up after 2 s).
    "--timeout",
    "30s",
    "-s",
    opts.script ?? luaScript(),
    ...Object.entries(opts.headers ?? {}).flatMap(([k, v]) => ["-H", `${k}: ${v}`]),
    opts.url,
  ];
  const child = spawn(WRK, args, { stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  let err = "";
  child.stdout.on("data", (d) => (out += String(d)));
  child.stderr.on("data", (d) => (err += String(d)));
  const code = await new Promise<number | null>((r) => child.once("exit", r));
  const endedAt = Date.now();
  const line = out.split("\n").find((l) => l.startsWith("WRK_JSON "));
  if (code !== 0 || !line) throw new Error(`wrk failed (${code}): ${err || out}`);
  const j = JSON.parse(line.slice("WRK_JSON ".length)) as {
    requests: number;
    duration_us: number;
    p50: number;
    p99: number;
    max: number;
    connect: number;
    read: number;
    write: number;
    timeout: number;
    statuses: Record<string, number>;
    caches: Record<string, number>;
  };
  const seconds = j.duration_us / 1e6;
  return {
    requests: j.requests,
    seconds,
    rate: j.requests / seconds,
    p50: j.p50 / 1000,
    p99: j.p99 / 1000,
    max: j.max / 1000,
    statuses: j.statuses,
    caches: j.caches,
    socketErrors: { connect: j.connect, read: j.read, write: j.write, timeout: j.timeout },
    endedAt,
  };
}
