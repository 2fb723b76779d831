"use server";

import { revalidatePath } from "next/cache";
import type { Tx } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
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

/**
 * The one door: the verb as the current actor in a transaction, then the pages of the one who acted
 * (`/seller…`, `/dealer…`, `/marketing…`) refreshed.
 */
async function asActor<T>(verb: (tx: Tx, actor: Actor | null) => Promise<T>): Promise<T> {
  const actor = await currentActor();
  const out = await inTransaction((tx) => verb(tx, actor));
  if (actor) revalidatePath(`/${actor.role}`, "layout");
  return out;
}

export async function receiveGoodsAction(locationId: string, input: unknown) {
  return runAction(async () => {
    const receipt = await asActor((tx, actor) => receiveGoods(tx, actor, locationId, input));
    return { id: receipt.id, units: receipt.items.reduce((s, i) => s + i.quantity, 0) };
  });
}

export async function adjustStockAction(locationId: string, input: unknown) {
  return runAction(() => asActor((tx, actor) => adjustStock(tx, actor, locationId, input)));
}

export async function setReorderPointAction(locationId: string, input: unknown) {
  return runAction(() => asActor((tx, actor) => setReorderPoint(tx, actor, locationId, input)));
}
