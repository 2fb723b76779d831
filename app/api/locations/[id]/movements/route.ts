export const dynamic = "force-dynamic";

import { getDb } from "@/db/client";
import { locationMovements } from "@/lib/inventory/ledger";
import { json, query, route } from "@/lib/http/route";

export const GET = route<{ id: string }>(async ({ req, params, actor }) =>
  json(await locationMovements(getDb(), actor, params.id, query(req))),
);
