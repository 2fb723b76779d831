import { eq, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Tx } from "@/db/client";
import { locations, organisations, products, reservables } from "@/db/schema";
import type { Actor, UserActor } from "@/lib/auth/actor";
import { authorize } from "@/lib/auth/policy";
import { Forbidden, NotFound } from "@/lib/errors";

export const reservableNotFound = () => new NotFound("reservable.not_found", "No such reservable.");
export const reservationNotFound = () => new NotFound("reservation.not_found", "No such reservation.");

/**
 * Who runs a reservable: the operator of the hub for a slot (a dealer for its hubs, marketing for the
 * org hubs), and for a pre-order marketing or the seller of the product. Anyone else is told it does
 * not exist (404), as for every other organisation's thing.
 */
export type ReservableOwnership = {
  kind: "slot" | "preorder";
  locationOperatorId: string | null;
  productSellerId: string;
};

export function manages(actor: Actor, r: ReservableOwnership, marketingOrgId: string | null): boolean {
  if (actor.kind === "system") return true;
  if (!actor.organisationId) return false;
  if (r.kind === "slot") return r.locationOperatorId === actor.organisationId;
  if (actor.role === "marketing") return actor.organisationId === marketingOrgId;
  return actor.role === "seller" && r.productSellerId === actor.organisationId;
}

/** The SQL form of `manages`, for lists (reservables joined with products and locations). */
export function managedCondition(actor: UserActor): SQL {
  const org = actor.organisationId;
  if (!org) return sql`false`;
  if (actor.role === "marketing") {
    return sql`((${reservables.kind} = 'slot' and ${locations.operatorId} = ${org}) or ${reservables.kind} = 'preorder')`;
  }
  if (actor.role === "seller") {
    return sql`((${reservables.kind} = 'slot' and ${locations.operatorId} = ${org}) or (${reservables.kind} = 'preorder' and ${products.sellerId} = ${org}))`;
  }
  return sql`(${reservables.kind} = 'slot' and ${locations.operatorId} = ${org})`;
}

const actorOrg = alias(organisations, "actor_org");

/**
 * Loads a reservable the actor manages, locked FOR UPDATE when asked. NotFound for one they do not run;
 * Forbidden for an actor who manages no reservables at all (a customer).
 */
export async function loadManagedReservable(
  tx: Tx,
  actor: Actor | null,
  id: string,
  opts: { lock?: boolean } = {},
) {
  authorize(actor, "reservable:manage:own");
  const q = tx
    .select({
      r: reservables,
      locationOperatorId: locations.operatorId,
      productSellerId: products.sellerId,
    })
    .from(reservables)
    .innerJoin(products, eq(products.id, reservables.productId))
    .leftJoin(locations, eq(locations.id, reservables.locationId))
    .where(eq(reservables.id, id));
  const [row] = opts.lock ? await q.for("update", { of: reservables }) : await q;
  if (!row) throw reservableNotFound();
  const marketingOrgId = await marketingOrg(tx, actor);
  if (
    !manages(
      actor,
      { kind: row.r.kind, locationOperatorId: row.locationOperatorId, productSellerId: row.productSellerId },
      marketingOrgId,
    )
  ) {
    throw reservableNotFound();
  }
  return row.r;
}

async function marketingOrg(tx: Tx, actor: Actor): Promise<string | null> {
  if (actor.kind !== "user" || actor.role !== "marketing" || !actor.organisationId) return null;
  const [o] = await tx
    .select({ id: actorOrg.id, kind: actorOrg.kind })
    .from(actorOrg)
    .where(eq(actorOrg.id, actor.organisationId));
  return o?.kind === "marketing" ? o.id : null;
}

export function requireStaff(actor: Actor | null): UserActor {
  authorize(actor, "reservable:manage:own");
  if (actor.kind !== "user") throw new Forbidden("auth.forbidden", "Only a user may do this.");
  return actor;
}
