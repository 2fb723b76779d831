import { sql } from "drizzle-orm";
import { z } from "zod";
import type { Db, Tx } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import { Page, PageSize } from "@/lib/validation";
import { loadOperatedLocation } from "./location-access";

export const ReceiptsQuery = z.object({ page: Page, pageSize: PageSize });

export type ReceiptView = {
  id: string;
  at: string;
  reference: string;
  actorName: string | null;
  lines: number;
  units: number;
  items: { variantId: string; sku: string; quantity: number }[];
};

/** The goods receipts booked at a location its operator runs, newest first, with their lines. */
export async function listReceipts(
  db: Db | Tx,
  actor: Actor | null,
  rawLocationId: unknown,
  raw: unknown,
): Promise<{ items: ReceiptView[]; total: number }> {
  const { location } = await loadOperatedLocation(db, actor, rawLocationId, "stock:view:own-location");
  const input = ReceiptsQuery.parse(raw);
  const [rows, [counted]] = await Promise.all([
    db.execute(sql`
      select r.id, r.created_at as at, r.reference, u.name as "actorName",
        count(i.variant_id)::int as lines, coalesce(sum(i.quantity), 0)::int as units,
        coalesce(json_agg(json_build_object('variantId', v.id, 'sku', v.sku, 'quantity', i.quantity) order by v.sku)
          filter (where i.variant_id is not null), '[]') as items
      from stock_receipts r
      left join users u on u.id = r.actor_user_id
      left join stock_receipt_items i on i.receipt_id = r.id
      left join variants v on v.id = i.variant_id
      where r.location_id = ${location.id}
      group by r.id, u.name
      order by r.created_at desc, r.id desc
      limit ${input.pageSize} offset ${(input.page - 1) * input.pageSize}`),
    db.execute(sql`select count(*)::int as n from stock_receipts where location_id = ${location.id}`),
  ]);
  return {
    items: (rows as unknown as (Omit<ReceiptView, "at"> & { at: Date | string })[]).map((r) => ({
      ...r,
      at: new Date(r.at).toISOString(),
    })),
    total: (counted as unknown as { n: number } | undefined)?.n ?? 0,
  };
}
