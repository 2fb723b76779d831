"use server";

import { getDb } from "@/db/client";
import { currentActor } from "@/lib/auth/session";
import { BadRequest } from "@/lib/errors";
import { runAction } from "@/lib/http/action";
import { inTransaction } from "@/lib/http/route";
import {
  acceptSellerOrder,
  deliverSellerOrder,
  packSellerOrder,
  shipSellerOrder,
} from "@/lib/orders/advance-seller-order";
import { cancelSellerOrder } from "@/lib/orders/cancel-seller-order";

const STEPS = {
  accept: acceptSellerOrder,
  pack: packSellerOrder,
  ship: shipSellerOrder,
  deliver: deliverSellerOrder,
};

/** The fulfilment queue's door (dealer, marketing and seller pages alike): one step of one seller order. */
export async function fulfilmentStepAction(sellerOrderId: string, step: string) {
  return runAction(async () => {
    // A browser may send any value as `step`: only the queue's own step names choose a verb.
    const verb = typeof step === "string" && Object.hasOwn(STEPS, step) ? STEPS[step as keyof typeof STEPS] : null;
    if (!verb) throw new BadRequest("fulfilment.unknown_step", "Unknown step.");
    const actor = await currentActor();
    const row = await inTransaction((tx) => verb(tx, actor, sellerOrderId, {}));
    return { status: row.status };
  });
}

export async function cancelSellerOrderAction(sellerOrderId: string, reason: string) {
  return runAction(async () => {
    const actor = await currentActor();
    const row = await cancelSellerOrder(getDb(), actor, sellerOrderId, { reason });
    return { status: row.status };
  });
}
