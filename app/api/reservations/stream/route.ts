export const dynamic = "force-dynamic";

import { route } from "@/lib/http/route";
import { customerReservationStream, eventStreamResponse } from "@/lib/reservations/live";

/** The customer's reservations as server-sent events: `snapshot`, then `update` as they change. */
export const GET = route(async ({ req, actor }) =>
  eventStreamResponse(customerReservationStream(actor, req.signal)),
);
