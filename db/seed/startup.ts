import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { isEmpty, seed } from "./index";

/** `npm start` refuses to run on a production database that holds a demo account (password `demo-password`). */
export class DemoAccountsInProduction extends Error {
  constructor(emails: string[]) {
    super(
      `Refusing to start in production: the database holds demo accounts (${emails.join(", ")}) whose password is public; delete them, or unset NODE_ENV=production to run the demo.`,
    );
    this.name = "DemoAccountsInProduction";
  }
}

export const DEMO_DOMAIN = "@demo.test";

export async function demoAccounts(db: Db): Promise<string[]> {
  const rows = await db.execute<{ email: string }>(
    sql`select email from users where email like ${"%" + DEMO_DOMAIN} order by email limit 5`,
  );
  return rows.map((r) => r.email);
}

/**
 * What `npm start` does to the data before serving it. The demo data (accounts with a published
 * password) is loaded only when asked — HUB_RESEED=1 (reset) or HUB_SEED_DEMO=1 (seed an empty
 * database) — or on the first start of the embedded default database, which is the demo by definition.
 * On DATABASE_URL nothing is seeded on its own. In production mode (NODE_ENV=production on
 * DATABASE_URL, i.e. not the embedded demo) a demo account is refused: DemoAccountsInProduction.
 */
export async function prepareData(
  db: Db,
  opts: { embedded: boolean; env?: Record<string, string | undefined>; log?: (m: string) => void },
): Promise<"seeded" | "kept"> {
  const env = opts.env ?? process.env;
  const production = env.NODE_ENV === "production" && !opts.embedded;
  let outcome: "seeded" | "kept" = "kept";
  const askedToReset = env.HUB_RESEED === "1";
  const mayFillEmpty = opts.embedded || env.HUB_SEED_DEMO === "1";
  if (askedToReset || (mayFillEmpty && (await isEmpty(db)))) {
    opts.log?.("Loading the demo data…");
    await seed(db);
    outcome = "seeded";
  }
  if (production) {
    const demo = await demoAccounts(db);
    if (demo.length > 0) throw new DemoAccountsInProduction(demo);
  }
  return outcome;
}
