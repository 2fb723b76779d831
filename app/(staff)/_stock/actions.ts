"use server";

import { revalidatePath } from "next/cache";
import type { UserActor } from "@/lib/auth/actor";
import { currentActor } from "@/lib/auth/session";
import { adjustStock } from "@/lib/inventory/adjust-stock";
import { receiveGoods } from "@/lib/inventory/receive-goods";
import { setReorderPoint } from "@/lib/inventory/set-reorder-point";
import { runAction } from "@/lib/http/action";
import { inTransaction } from "@/lib/http/route";

/**
 * The stock forms' doors (the seller's warehouse on its product pages, a dealer's hub stock, marketing's
 * receipts at the centers): find the actor, open a transaction, call the verb. A stale count comes back
 * as `stock.stale` with the figures now in `meta`.
 */

/** The pages of the one who acted (`/seller…`, `/dealer…`, `/marketing…`). */
function revalidateStock(actor: UserActor | null) {
  if (actor) revalidatePath(`/${actor.role}`, "layout");
}

export async function receiveGoodsAction(locationId: string, input: unknown) {
  return runAction(async () => {
    const actor = await currentActor();
    const receipt = await inTransaction((tx) => receiveGoods(tx, actor, locationId, input));
    revalidateStock(actor);
    return { id: receipt.id, units: receipt.items.reduce((s, i) => s + i.quantity, 0) };
  });
}

export async function adjustStockAction(locationId: string, input: unknown) {
  return runAction(async () => {
    const actor = await currentActor();
    const level = await inTransaction((tx) => adjustStock(tx, actor, locationId, input));
    revalidateStock(actor);
    return level;
  });
}

export async function setReorderPointAction(locationId: string, input: unknown) {
  return runAction(async () => {
    const actor = await currentActor();
    const point = await inTransaction((tx) => setReorderPoint(tx, actor, locationId, input));
    revalidateStock(actor);
    return point;
  });
}
