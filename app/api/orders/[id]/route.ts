export const dynamic = "force-dynamic";

import { getDb } from "@/db/client";
import { json, route } from "@/lib/http/route";
import { getOrderFor } from "@/lib/orders/order-queries";

export const GET = route<{ id: string }>(async ({ params, actor }) => json(await getOrderFor(getDb(), actor, params.id)));
