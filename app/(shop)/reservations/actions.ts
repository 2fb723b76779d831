"use server";

import { getDb } from "@/db/client";
import { currentActor } from "@/lib/auth/session";
import { runAction } from "@/lib/http/action";
import { inTransaction } from "@/lib/http/route";
import { cancelReservation } from "@/lib/reservations/cancel-reservation";
import { joinWaitlist } from "@/lib/reservations/join-waitlist";
import { payReservation } from "@/lib/reservations/pay-reservation";
import { submitReservationRequest } from "@/lib/reservations/request-reservation";

export async function reserveAction(input: { reservableId: string; quantity: number }) {
  return runAction(async () => {
    const actor = await currentActor();
    // The `create` rate limit counted in the request's own statement, as the API's POST does.
    const r = await submitReservationRequest(getDb(), actor, input, { rateLimit: true });
    return { id: r.id, status: r.status };
  });
}

export async function joinWaitlistAction(reservableId: string, input: { quantity: number }) {
  return runAction(async () => {
    const actor = await currentActor();
    return inTransaction((tx) => joinWaitlist(tx, actor, reservableId, input));
  });
}

export async function payAction(reservationId: string, input: { cardNumber?: string }) {
  return runAction(async () => {
    const actor = await currentActor();
    return payReservation(getDb(), actor, reservationId, input);
  });
}

export async function cancelAction(reservationId: string, input: { reason?: string }) {
  return runAction(async () => {
    const actor = await currentActor();
    return cancelReservation(getDb(), actor, reservationId, input);
  });
}
