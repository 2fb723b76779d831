import { sql } from "../db.js";

export const dynamic = "force-dynamic";

/**
 * The floor of a write: the JSON body read and one INSERT committed durably (fsync, synchronous_commit
 * on), as a reservation request is one durable commit. The table is made by bench/http/run.ts.
 */
export async function POST(req) {
  const body = await req.json();
  const [row] = await sql`insert into bare_writes (body) values (${sql.json(body)}) returning id`;
  return Response.json({ id: row.id }, { status: 202 });
}
