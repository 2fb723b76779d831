import { and, asc, eq, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { locations, products, stockLevels, variants } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { authorize, can, isOwnOrganisation } from "@/lib/auth/policy";
import { idOrNotFound } from "@/lib/validation";

import { locationNotFound } from "./location-access";

/**
 * Levels that the ledger does not explain: for every (location, variant), on_hand must equal
 * Σ on_hand_delta and reserved Σ reserved_delta. Empty when the invariant holds.
 */
export async function ledgerDrift(tx: Tx | Db) {
  return (await tx.execute(sql`
    select coalesce(s.location_id, m.location_id) as "locationId", coalesce(s.variant_id, m.variant_id) as "variantId",
      s.on_hand as "onHand", s.reserved, m.on_hand_sum as "ledgerOnHand", m.reserved_sum as "ledgerReserved"
    from stock_levels s
    full join (
      select location_id, variant_id, sum(on_hand_delta)::int as on_hand_sum, sum(reserved_delta)::int as reserved_sum
      from stock_movements group by location_id, variant_id
    ) m on m.location_id = s.location_id and m.variant_id = s.variant_id
    where s.on_hand is distinct from m.on_hand_sum or s.reserved is distinct from m.reserved_sum
  `)) as unknown as {
    locationId: string;
    variantId: string;
    onHand: number | null;
    reserved: number | null;
    ledgerOnHand: number | null;
    ledgerReserved: number | null;
  }[];
}

export type LocationStockRow = {
  variantId: string;
  sku: string;
  productName: string;
  productNameEn: string;
  onHand: number;
  reserved: number;
  available: number;
};

/**
 * A location's stock, for its operator (a hub's dealer, a warehouse's seller) and for marketing (any
 * location). Another organisation's location is NotFound, as if it did not exist.
 */
export async function locationStock(
  tx: Tx | Db,
  actor: Actor | null,
  rawId: unknown,
): Promise<LocationStockRow[]> {
  authorize(actor, "stock:view:own-location");
  const id = idOrNotFound(rawId, locationNotFound);
  const [loc] = await tx
    .select({ operatorId: locations.operatorId })
    .from(locations)
    .where(eq(locations.id, id));
  if (!loc || !(can(actor, "stock:view:any") || isOwnOrganisation(actor, loc.operatorId))) {
    throw locationNotFound();
  }
  return tx
    .select({
      variantId: stockLevels.variantId,
      sku: variants.sku,
      productName: products.nameKo,
      productNameEn: products.nameEn,
      onHand: stockLevels.onHand,
      reserved: stockLevels.reserved,
      available: sql<number>`(${stockLevels.onHand} - ${stockLevels.reserved})::int`,
    })
    .from(stockLevels)
    .innerJoin(variants, eq(variants.id, stockLevels.variantId))
    .innerJoin(products, eq(products.id, variants.productId))
    .where(and(eq(stockLevels.locationId, id)))
    .orderBy(asc(variants.sku));
}
