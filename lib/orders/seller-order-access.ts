import { eq } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { locations, sellerOrders } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { Forbidden, NotFound } from "@/lib/errors";
import { idOrNotFound } from "@/lib/validation";
import { lockOrderAndParts } from "./cancel-parts";

export function sellerOrderNotFound() {
  return new NotFound("seller_order.not_found", "No such seller order.");
}

/**
 * Loads and locks a seller order for a staff verb (the order row first, then the part: the one lock
 * order). `who` says whose it must be: the operator of its source (fulfilment steps), or also its seller
 * (cancelling). Anyone else's — or an unknown id — is NotFound; its seller asking for an operator's step
 * (its own thing, without the right to that step) is Forbidden.
 */
export async function lockSellerOrderFor(
  tx: Tx,
  actor: Actor,
  rawId: unknown,
  who: "operator" | "operator_or_seller",
) {
  const id = idOrNotFound(rawId, sellerOrderNotFound);
  const [row] = await tx
    .select({
      orderId: sellerOrders.orderId,
      sellerId: sellerOrders.sellerId,
      operatorId: locations.operatorId,
    })
    .from(sellerOrders)
    .innerJoin(locations, eq(locations.id, sellerOrders.sourceLocationId))
    .where(eq(sellerOrders.id, id));
  const org = actor.organisationId;
  const isOperator = actor.kind === "system" || (!!row && !!org && row.operatorId === org);
  const isSeller = !!row && !!org && row.sellerId === org;
  if (!row || !(isOperator || isSeller)) throw sellerOrderNotFound();
  if (who === "operator" && !isOperator) {
    throw new Forbidden(
      "seller_order.not_operator",
      "Only the operator of the location it ships from may do this step.",
    );
  }
  const locked = await lockOrderAndParts(tx, row.orderId, [id]);
  if (!locked || locked.parts.length !== 1) throw sellerOrderNotFound();
  return { order: locked.order, part: locked.parts[0]! };
}
