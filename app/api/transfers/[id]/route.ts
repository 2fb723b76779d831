export const dynamic = "force-dynamic";

import { getDb } from "@/db/client";
import { getTransfer } from "@/lib/inventory/transfer-queries";
import { json, route } from "@/lib/http/route";

export const GET = route<{ id: string }>(async ({ params, actor }) =>
  json(await getTransfer(getDb(), actor, params.id)),
);
