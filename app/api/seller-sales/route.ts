export const dynamic = "force-dynamic";

import { getDb } from "@/db/client";
import { sellerSales } from "@/lib/catalog/seller-product-queries";
import { json, query, route } from "@/lib/http/route";

export const GET = route(async ({ req, actor }) => json(await sellerSales(getDb(), actor, query(req))));
