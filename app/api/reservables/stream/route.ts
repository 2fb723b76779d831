export const dynamic = "force-dynamic";

import { route } from "@/lib/http/route";
import { eventStreamResponse, staffCountsStream } from "@/lib/reservations/live";

/** Staff: server-sent events with live counts of the reservables they run. */
export const GET = route(async ({ req, actor }) =>
  eventStreamResponse(await staffCountsStream(actor, req.signal)),
);
