/**
 * `npm run db:migrate` / `npm run db:seed`: on DATABASE_URL (DATABASE_DIRECT_URL when set: migrations
 * do not go through a pooler), or on the embedded server (started for the duration of the command).
 * `db:seed` resets the database to the demo world.
 *
 * `npm run db:backup [file]`: an online backup of the embedded cluster (db/backup.ts), of the running
 * shop's server, or of one started for the purpose. `npm run db:restore <file>`: that backup in place of
 * the embedded data directory, which no server may be running on.
 */
import path from "node:path";
import { backupCluster, restoreCluster } from "@/db/backup";
import { createDb } from "@/db/client";
import { clusterLocation, embeddedDataDir, embeddedUrl, runningServer, startEmbeddedPostgres } from "@/db/embedded";
import { seed } from "@/db/seed";
import { provideDatabase, runMigrations } from "@/db/setup";

async function backup(file: string | undefined) {
  if (process.env.DATABASE_URL)
    throw new Error("DATABASE_URL is set: this backs up the embedded server only. Back up that server with its own tools (pg_basebackup, pg_dump of the same major version, or the provider's backups).");
  const target = path.resolve(file ?? path.join(".data", "backups", `hub-${new Date().toISOString().replace(/[:.]/g, "-")}.tar.gz`));
  const { dir } = clusterLocation(embeddedDataDir());
  const running = runningServer(dir);
  // The shop's own server when it runs; otherwise one started for the backup (and stopped after it).
  const embedded = running ? null : await startEmbeddedPostgres({ dataDir: embeddedDataDir(), port: Number(process.env.HUB_PG_PORT ?? 54329), log: console.log });
  try {
    const url = embedded ? embedded.url("postgres") : embeddedUrl(running!.port, "postgres");
    const r = await backupCluster({ url, dataDir: dir, file: target, log: console.log });
    const shown = path.relative(process.cwd(), r.file);
    console.log(`Done in ${(r.ms / 1000).toFixed(1)} s. Restore with \`npm run db:restore ${shown.startsWith("..") ? r.file : shown}\` (the shop stopped).`);
  } finally {
    await embedded?.stop();
  }
}

async function main() {
  const cmd = process.argv[2];
  if (cmd === "backup") return backup(process.argv[3]);
  if (cmd === "restore") {
    const file = process.argv[3];
    if (!file) throw new Error("usage: npm run db:restore <backup file>");
    if (process.env.DATABASE_URL) throw new Error("DATABASE_URL is set: db:restore puts a backup in place of the embedded server's data only.");
    await restoreCluster({ file, dataDir: embeddedDataDir(), log: console.log });
    return;
  }
  if (cmd !== "migrate" && cmd !== "seed") throw new Error("usage: tsx scripts/db.ts migrate|seed|backup [file]|restore <file>");
  const { directUrl: url, embedded } = await provideDatabase(console.log);
  try {
    await runMigrations(url);
    console.log("Migrations applied.");
    if (cmd === "seed") {
      const { db, sql } = createDb(url, { max: 2, timeouts: false });
      await seed(db);
      await sql.end();
      console.log("Demo data seeded (all demo accounts use the password `demo-password`).");
    }
  } finally {
    await embedded?.stop();
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
