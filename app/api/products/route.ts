export const dynamic = "force-dynamic";

import { getDb } from "@/db/client";
import { listProducts } from "@/lib/catalog/queries";
import { json, query, route } from "@/lib/http/route";

export const GET = route(async ({ req }) => json(await listProducts(getDb(), query(req))));
