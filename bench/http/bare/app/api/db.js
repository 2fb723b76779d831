import postgres from "postgres";

// The same driver and pool size as the shop (db/client.ts), on the same database; one pool for the
// app's routes.
const g = globalThis;
export const sql = (g.__bareSql ??= postgres(process.env.DATABASE_URL, {
  max: Number(process.env.DB_POOL_MAX ?? 20),
  onnotice: () => {},
}));
