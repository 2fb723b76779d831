import { spawn } from "node:child_process";
import { lstatSync, mkdtempSync, readlinkSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { afterAll, describe, expect, it } from "vitest";
import { startEmbeddedPostgres } from "./embedded";

const dir = mkdtempSync(path.join(os.tmpdir(), "hub-embedded-"));
afterAll(() => {
  // As root in a private temp dir the cluster lives elsewhere, behind a link (see usableDataDir).
  const pg = path.join(dir, "pg");
  if (lstatSync(pg, { throwIfNoEntry: false })?.isSymbolicLink()) rmSync(path.dirname(readlinkSync(pg)), { recursive: true, force: true });
  rmSync(dir, { recursive: true, force: true });
});

describe("the embedded PostgreSQL server", () => {
  it("recovers a server left running by a process killed with SIGKILL", async () => {
    const dataDir = path.join(dir, "pg");
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
