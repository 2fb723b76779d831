import { eq } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { locations } from "@/db/schema";
import type { Actor, UserActor } from "@/lib/auth/actor";
import { can, isOwnOrganisation, requireUser, type Permission } from "@/lib/auth/policy";
import { NotFound } from "@/lib/errors";
import { idOrNotFound } from "@/lib/validation";

export type LocationRow = typeof locations.$inferSelect;
export const locationNotFound = () => new NotFound("location.not_found", "No such location.");

/**
 * A location the actor operates (a hub's dealer, marketing for centers and org hubs, a warehouse's
 * seller), or with `orNetwork`, any location for marketing. Another organisation's is NotFound.
 */
export async function loadOperatedLocation(
  db: Db | Tx,
  actor: Actor | null,
  rawId: unknown,
  permission: Permission,
  opts: { orNetwork?: boolean } = {},
): Promise<{ location: LocationRow; user: UserActor }> {
  const user = requireUser(actor, permission);
  const id = idOrNotFound(rawId, locationNotFound);
  const [location] = await db.select().from(locations).where(eq(locations.id, id));
  if (!location) throw locationNotFound();
  if (!isOwnOrganisation(user, location.operatorId) && !(opts.orNetwork && can(user, "stock:view:any")))
    throw locationNotFound();
  return { location, user };
}
