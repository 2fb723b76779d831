"use server";

import { getDb } from "@/db/client";
import { currentActor } from "@/lib/auth/session";
import { BadRequest } from "@/lib/errors";
import { limitAction, runAction } from "@/lib/http/action";
import { placeOrder } from "@/lib/orders/place-order";

/** The checkout form's door: the same verb as POST /api/orders, with the form's idempotency key. */
export async function placeOrderAction(body: unknown, idempotencyKey: string) {
  return runAction(async () => {
    if (typeof idempotencyKey !== "string" || idempotencyKey.length < 8 || idempotencyKey.length > 200) {
      throw new BadRequest("request.idempotency_key", "A checkout needs its idempotency key.");
    }
    const actor = await currentActor();
    await limitAction(actor, "create");
    const { order } = await placeOrder(getDb(), actor, body, { idempotencyKey, clearCart: true });
    return { orderId: order.id };
  });
}
