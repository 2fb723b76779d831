import { eq, inArray } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { organisations, products, variants } from "@/db/schema";
import { Invalid } from "@/lib/errors";
import type { LocationRow } from "./location-access";

/**
 * Which variants a location may hold: a seller's warehouse its own products' stock items; centers and
 * hubs the retailer's own stock items (marketplace items ship from their seller). The others are
 * refused with 422, naming each line by `field(i)`.
 */
export async function assertStockable(
  tx: Tx,
  location: LocationRow,
  variantIds: string[],
  field: (i: number) => string,
) {
  const errors = await unstockable(tx, location, variantIds, field);
  if (Object.keys(errors).length > 0) throw new Invalid(errors);
}

/** The field errors of assertStockable, by `field(i)`: none when the location may hold every variant. */
async function unstockable(
  tx: Tx,
  location: LocationRow,
  variantIds: string[],
  field: (i: number) => string,
): Promise<Record<string, string>> {
  const found = await tx
    .select({
      id: variants.id,
      type: products.type,
      sellerId: products.sellerId,
      sellerKind: organisations.kind,
    })
    .from(variants)
    .innerJoin(products, eq(products.id, variants.productId))
    .innerJoin(organisations, eq(organisations.id, products.sellerId))
    .where(inArray(variants.id, variantIds));
  const errors: Record<string, string> = {};
  variantIds.forEach((id, i) => {
    const v = found.find((f) => f.id === id);
    if (!v) errors[field(i)] = "No such item.";
    else if (v.type !== "stock") errors[field(i)] = "This item is sold by reservation and is not stocked.";
    else if (
      location.kind === "seller_warehouse" ? v.sellerId !== location.operatorId : v.sellerKind !== "retailer"
    )
      errors[field(i)] =
        location.kind === "seller_warehouse"
          ? "Only your own products are stocked here."
          : "Only the retailer's own items are stocked here.";
  });
  return errors;
}
