import { Forbidden, Unauthenticated } from "@/lib/errors";
import type { Actor, Role, UserActor } from "./actor";

/**
 * The one place that says who may do what. Permission strings are typed; a verb asks
 * `authorize(actor, "order:place")`, and ownership ("is this location theirs?") is checked by the
 * verb's loader, which answers NotFound for another organisation's thing.
 */
export type Permission =
  | "catalog:browse"
  | "cart:use"
  | "order:place"
  | "order:cancel:own"
  | "reservation:request"
  | "reservation:pay:own"
  | "reservation:cancel:own"
  | "stock:view:own-location"
  | "stock:count:own-location"
  | "stock:view:any"
  | "fulfilment:work:own-location"
  | "fulfilment:work:any-network"
  | "product:manage:own"
  | "product:review"
  | "reservable:manage:own"
  | "reservable:manage:network"
  | "transfer:request"
  | "transfer:approve:network"
  | "network:dashboard"
  | "audit:read";

const GRANTS: Record<Role | "system", readonly Permission[]> = {
  customer: [
    "catalog:browse",
    "cart:use",
    "order:place",
    "order:cancel:own",
    "reservation:request",
    "reservation:pay:own",
    "reservation:cancel:own",
  ],
  dealer: [
    "catalog:browse",
    "stock:view:own-location",
    "stock:count:own-location",
    "fulfilment:work:own-location",
    "reservable:manage:own",
    "transfer:request",
  ],
  seller: [
    "catalog:browse",
    "stock:view:own-location",
    "stock:count:own-location",
    "fulfilment:work:own-location",
    "product:manage:own",
    "reservable:manage:own",
  ],
  marketing: [
    "catalog:browse",
    "stock:view:own-location",
    "stock:count:own-location",
    "stock:view:any",
    "fulfilment:work:own-location",
    "fulfilment:work:any-network",
    "product:review",
    "reservable:manage:own",
    "reservable:manage:network",
    "transfer:request",
    "transfer:approve:network",
    "network:dashboard",
    "audit:read",
  ],
  system: ["reservable:manage:network", "fulfilment:work:any-network", "stock:view:any"],
};

export function can(actor: Actor | null, permission: Permission): boolean {
  if (!actor) return false;
  return GRANTS[actor.role].includes(permission);
}

/** Throws Unauthenticated for no actor, Forbidden for an actor without the right. */
export function authorize(actor: Actor | null, permission: Permission): asserts actor is Actor {
  if (!actor) throw new Unauthenticated();
  if (!can(actor, permission))
    throw new Forbidden("auth.forbidden", `Your account may not do this (${permission}).`);
}

/** For verbs only a signed-in user (not the worker) may run. */
export function requireUser(actor: Actor | null, permission: Permission): UserActor {
  authorize(actor, permission);
  if (actor.kind !== "user") throw new Forbidden("auth.forbidden", "Only a user may do this.");
  return actor;
}

/** Does this actor's organisation run that location/seller? */
export function isOwnOrganisation(actor: Actor, organisationId: string): boolean {
  return actor.kind === "user" && actor.organisationId === organisationId;
}
