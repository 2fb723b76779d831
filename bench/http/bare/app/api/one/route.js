import { sql } from "../db.js";

export const dynamic = "force-dynamic";

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
