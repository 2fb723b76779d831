"use server";

import { currentActor } from "@/lib/auth/session";
import { runAction } from "@/lib/http/action";
import { inTransaction } from "@/lib/http/route";
import { cancelOrder } from "@/lib/orders/cancel-order";

export async function cancelOrderAction(orderId: string, reason: string) {
  return runAction(async () => {
    const actor = await currentActor();
    const order = await inTransaction((tx) =>
      cancelOrder(tx, actor, orderId, reason.trim() ? { reason } : {}),
    );
    return { status: order.status };
  });
}
