export const dynamic = "force-dynamic";

import { getDb } from "@/db/client";
import { json, route } from "@/lib/http/route";
import { getSellerOrderFor } from "@/lib/orders/fulfilment-queries";

export const GET = route<{ id: string }>(async ({ params, actor }) => json(await getSellerOrderFor(getDb(), actor, params.id)));
