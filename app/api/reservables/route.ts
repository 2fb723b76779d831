export const dynamic = "force-dynamic";

import { getDb } from "@/db/client";
import { inTransaction, json, query, readJson, route } from "@/lib/http/route";
import { createPreorder } from "@/lib/reservations/create-reservables";
import { listReservables } from "@/lib/reservations/queries";

/** Anyone: what can be reserved now (`?productId=&locationId=&kind=`). */
export const GET = route(async ({ req }) => json(await listReservables(getDb(), query(req))));

/** Marketing, or the product's seller: a launch pre-order allocation. */
export const POST = route(async ({ req, actor }) => {
  const body = await readJson(req);
  return json(await inTransaction((tx) => createPreorder(tx, actor, body)), 201);
});
