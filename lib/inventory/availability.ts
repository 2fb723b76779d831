import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { locations, products, stockLevels, variants } from "@/db/schema";
import { NotFound } from "@/lib/errors";
import { idOrNotFound } from "@/lib/validation";
import type { Availability } from "./schemas";

type Reader = Db | Tx;

const variantNotFound = () => new NotFound("variant.not_found", "No such variant.");

/**
 * What a customer may order of one variant, per location that holds it (0 included): on hand −
 * reserved. Unknown variants and variants of products not on sale are NotFound.
 */
export async function variantAvailability(db: Reader, variantId: string): Promise<Availability[]> {
  idOrNotFound(variantId, variantNotFound);
  const [found] = await db
    .select({ id: variants.id })
    .from(variants)
    .innerJoin(products, eq(products.id, variants.productId))
    .where(and(eq(variants.id, variantId), eq(products.status, "on_sale")));
  if (!found) throw variantNotFound();
  return (await availabilityByVariant(db, [variantId])).get(variantId) ?? [];
}

/**
 * Availability of several variants at once (a product page shows every variant's), without the
 * on-sale check: the caller has already decided the product may be seen.
 */
export async function availabilityByVariant(
  db: Reader,
  variantIds: string[],
): Promise<Map<string, Availability[]>> {
  const out = new Map<string, Availability[]>(variantIds.map((id) => [id, []]));
  if (variantIds.length === 0) return out;
  const rows = await db
    .select({
      variantId: stockLevels.variantId,
      locationId: stockLevels.locationId,
      kind: locations.kind,
      available: sql<number>`(${stockLevels.onHand} - ${stockLevels.reserved})::int`,
      code: locations.code,
      name: locations.name,
      nameEn: locations.nameEn,
      region: locations.region,
    })
    .from(stockLevels)
    .innerJoin(locations, eq(locations.id, stockLevels.locationId))
    .where(inArray(stockLevels.variantId, variantIds))
    .orderBy(asc(locations.kind), asc(locations.code));
  for (const { variantId, ...a } of rows) out.get(variantId)?.push(a);
  return out;
}
