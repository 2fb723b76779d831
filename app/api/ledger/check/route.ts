export const dynamic = "force-dynamic";

import { getDb } from "@/db/client";
import { checkLedger } from "@/lib/inventory/ledger";
import { json, route } from "@/lib/http/route";

export const GET = route(async ({ actor }) => json(await checkLedger(getDb(), actor)));
