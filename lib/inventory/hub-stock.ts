import { sql } from "drizzle-orm";
import { z } from "zod";
import type { Db, Tx } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import { Page, PageSize } from "@/lib/validation";
import { loadOperatedLocation } from "./location-access";
import type { LocationStockRow } from "./queries";
import { centerFor, replenishmentLines } from "./replenishment";

export const HubStockQuery = z.object({ page: Page, pageSize: PageSize, low: z.enum(["1"]).optional() });

/** A level of the hub, with the point below which its operator wants it replenished. */
export type HubStockRow = LocationStockRow & { reorderPoint: number | null; low: boolean };

export type HubStock = {
  location: { id: string; name: string; nameEn: string; code: string; kind: string; region: string };
  items: HubStockRow[];
  total: number;
  /** Over every variant, not this page: how many are below their reorder point. */
  lowCount: number;
  /** The prefill of "request replenishment": from the center serving the hub's region. */
  replenishment: { fromLocationId: string | null; items: { variantId: string; quantity: number }[] };
};

/**
 * A hub's (or center's) stock for its operator, one row per retailer stock item it may hold (a level it has not yet
 * had shows as zero), with its reorder point and the low flag; a page at a time, by name (a row does not
 * jump pages when it turns low: `low` lists only those).
 */
export async function hubStock(
  db: Db | Tx,
  actor: Actor | null,
  rawLocationId: unknown,
  raw: unknown,
): Promise<HubStock> {
  const { location } = await loadOperatedLocation(db, actor, rawLocationId, "stock:view:own-location");
  const input = HubStockQuery.parse(raw);
  const rows = (await db.execute(sql`
    select v.id as "variantId", v.sku, p.name_ko as "productName", p.name_en as "productNameEn",
      coalesce(s.on_hand, 0)::int as "onHand", coalesce(s.reserved, 0)::int as reserved,
      coalesce(s.on_hand - s.reserved, 0)::int as available, r.reorder_point as "reorderPoint"
    from variants v
    join products p on p.id = v.product_id
    join organisations o on o.id = p.seller_id
    left join stock_levels s on s.location_id = ${location.id} and s.variant_id = v.id
    left join reorder_points r on r.location_id = ${location.id} and r.variant_id = v.id
    where p.type = 'stock' and o.kind = 'retailer' and (v.active or coalesce(s.on_hand, 0) > 0)
  `)) as unknown as Omit<HubStockRow, "low">[];
  const all = rows
    .map((r) => ({ ...r, low: r.reorderPoint !== null && r.available < r.reorderPoint }))
    .sort((a, b) => a.productNameEn.localeCompare(b.productNameEn) || a.sku.localeCompare(b.sku));
  const shown = input.low ? all.filter((r) => r.low) : all;
  const centers = (await db.execute(
    sql`select id, region::text as region from locations where kind = 'logistics_center' order by code`,
  )) as unknown as { id: string; region: string }[];
  return {
    location: {
      id: location.id,
      name: location.name,
      nameEn: location.nameEn,
      code: location.code,
      kind: location.kind,
      region: location.region,
    },
    items: shown.slice((input.page - 1) * input.pageSize, input.page * input.pageSize),
    total: shown.length,
    lowCount: all.filter((r) => r.low).length,
    replenishment: {
      fromLocationId: centerFor(location.region, centers)?.id ?? null,
      items: replenishmentLines(all),
    },
  };
}
