import postgres from "postgres";

export const dynamic = "force-dynamic";

// The same driver and pool size as the shop (db/client.ts), on the same database.
const g = globalThis;
const sql = (g.__bareSql ??= postgres(process.env.DATABASE_URL, {
  max: Number(process.env.DB_POOL_MAX ?? 20),
  onnotice: () => {},
}));

/** The floor of an API route: one round trip to PostgreSQL. */
export async function GET() {
  const [row] = await sql`select 1 as one`;
  return Response.json({ one: row.one });
}

export async function POST(req) {
  const body = await req.json();
  const [row] = await sql`select 1 as one`;
  return Response.json({ one: row.one, got: typeof body }, { status: 202 });
}
