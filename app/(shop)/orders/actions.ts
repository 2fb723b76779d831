"use server";

import { getDb } from "@/db/client";
import { currentActor } from "@/lib/auth/session";
import { runAction } from "@/lib/http/action";
import { cancelOrder } from "@/lib/orders/cancel-order";

export async function cancelOrderAction(orderId: string, reason: string) {
  return runAction(async () => {
    const actor = await currentActor();
    const order = await cancelOrder(getDb(), actor, orderId, typeof reason === "string" && !reason.trim() ? {} : { reason });
    return { status: order.status };
  });
}
