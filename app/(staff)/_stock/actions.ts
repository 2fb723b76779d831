"use server";

import { revalidatePath } from "next/cache";
import { currentActor } from "@/lib/auth/session";
import { adjustStock } from "@/lib/inventory/adjust-stock";
import { receiveGoods } from "@/lib/inventory/receive-goods";
import { runAction } from "@/lib/http/action";
import { inTransaction } from "@/lib/http/route";

/**
 * The stock forms' doors (the seller's warehouse on its product pages): find the actor, open a
 * transaction, call the verb. A stale count comes back as `stock.stale` with the figures now in `meta`.
 */

export async function receiveGoodsAction(locationId: string, input: unknown) {
  return runAction(async () => {
    const actor = await currentActor();
    const receipt = await inTransaction((tx) => receiveGoods(tx, actor, locationId, input));
    revalidatePath("/seller", "layout");
    return { id: receipt.id, units: receipt.items.reduce((s, i) => s + i.quantity, 0) };
  });
}

export async function adjustStockAction(locationId: string, input: unknown) {
  return runAction(async () => {
    const actor = await currentActor();
    const level = await inTransaction((tx) => adjustStock(tx, actor, locationId, input));
    revalidatePath("/seller", "layout");
    return level;
  });
}
