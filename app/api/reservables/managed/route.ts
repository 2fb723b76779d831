export const dynamic = "force-dynamic";

import { getDb } from "@/db/client";
import { json, route } from "@/lib/http/route";
import { managedReservables } from "@/lib/reservations/queries";

/** Staff: the reservables they run, with counts (pending requests, confirmed and paid quantity, waiting). */
export const GET = route(async ({ actor }) => json(await managedReservables(getDb(), actor)));
