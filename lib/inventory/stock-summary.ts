import { asc, eq, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { locations, stockLevels } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { authorize } from "@/lib/auth/policy";
import { locationColumns } from "./locations";
import type { Location } from "./schemas";

export type LocationStock = Location & {
  /** Variants with at least one unit on hand. */
  skus: number;
  onHand: number;
  reserved: number;
  available: number;
};

type Reader = Db | Tx;

function summaries(db: Reader, operatorId: string | null) {
  return db
    .select({
      ...locationColumns,
      skus: sql<number>`count(${stockLevels.variantId}) filter (where ${stockLevels.onHand} > 0)::int`,
      onHand: sql<number>`coalesce(sum(${stockLevels.onHand}), 0)::int`,
      reserved: sql<number>`coalesce(sum(${stockLevels.reserved}), 0)::int`,
      available: sql<number>`coalesce(sum(${stockLevels.onHand} - ${stockLevels.reserved}), 0)::int`,
    })
    .from(locations)
    .leftJoin(stockLevels, eq(stockLevels.locationId, locations.id))
    .where(operatorId === null ? undefined : eq(locations.operatorId, operatorId))
    .groupBy(locations.id)
    .orderBy(asc(locations.kind), asc(locations.code));
}

/** The locations the actor's organisation runs (a dealer's hubs, a seller's warehouse), with totals. */
export async function ownLocationStock(db: Reader, actor: Actor | null): Promise<LocationStock[]> {
  authorize(actor, "stock:view:own-location");
  if (!actor.organisationId) return [];
  return summaries(db, actor.organisationId);
}

/** Every location of the network with its totals: marketing's view. */
export async function networkStock(db: Reader, actor: Actor | null): Promise<LocationStock[]> {
  authorize(actor, "network:dashboard");
  return summaries(db, null);
}
