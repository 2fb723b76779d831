/**
 * `npm run db:migrate` / `npm run db:seed`: on DATABASE_URL (DATABASE_DIRECT_URL when set: migrations
 * do not go through a pooler), or on the embedded server (started for the duration of the command).
 * `db:seed` resets the database to the demo world.
 */
import { createDb } from "@/db/client";
import { seed } from "@/db/seed";
import { provideDatabase, runMigrations } from "@/db/setup";

async function main() {
  const cmd = process.argv[2];
  if (cmd !== "migrate" && cmd !== "seed") throw new Error("usage: tsx scripts/db.ts migrate|seed");
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
