export const dynamic = "force-dynamic";

import { getDb } from "@/db/client";
import { json, route } from "@/lib/http/route";
import { getCart } from "@/lib/orders/cart-queries";

export const GET = route(async ({ actor }) => json(await getCart(getDb(), actor)));
