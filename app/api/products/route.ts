export const dynamic = "force-dynamic";

import { getDb } from "@/db/client";
import { shopProducts } from "@/lib/catalog/cached-reads";
import { json, query, route } from "@/lib/http/route";

export const GET = route(async ({ req }) => json(await shopProducts(getDb(), query(req))));
