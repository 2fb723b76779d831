export const dynamic = "force-dynamic";

import { getDb } from "@/db/client";
import { idempotencyKey, json, readJson, route } from "@/lib/http/route";
import { myReservations } from "@/lib/reservations/queries";
import { submitReservationRequest } from "@/lib/reservations/request-reservation";

/** The customer's reservations, newest first. */
export const GET = route(async ({ actor }) => json(await myReservations(getDb(), actor)));

/**
 * Records the request and answers 202 pending once it is committed; the worker decides it. The `create`
 * rate limit is counted in the request's own statement (rateLimit: true), not by `limit` first, and the
 * requests that arrive together share that statement and its commit (ADR 0004, "Batched intake").
 */
export const POST = route(async ({ req, actor }) => {
  const body = await readJson(req);
  const key = idempotencyKey(req);
  const r = await submitReservationRequest(getDb(), actor, body, { idempotencyKey: key, rateLimit: true });
  return json({ id: r.id, status: r.status }, 202, {
    location: `/api/reservations/${r.id}`,
    ...(r.replayed ? { "idempotent-replayed": "true" } : {}),
  });
});
