import type { Statement } from "@/db/raw";
import { ProductUnavailable, type OrderPlan, type UnavailableLine } from "./plan-order";

/**
 * The placement transaction's own look at the products, sent in its last round trip before the stock
 * statement: the plan checked them without a lock, and a seller may have paused one, or retired or
 * unpriced a variant, since. It takes FOR SHARE on each ordered product (in id order), so a pause either
 * committed before it (the row is read as paused, hub_product_unavailable raises SQLSTATE HS410 and the
 * COMMIT becomes a ROLLBACK) or waits for this order to commit: no order is placed after its product left
 * the shop. A variant change locks its product too (the price-range trigger takes FOR NO KEY UPDATE on
 * it), so it is ordered against this check the same way.
 * MATERIALIZED keeps the lock on every ordered product, not only on the ones the filter keeps.
 */
export const ON_SALE_CHECK_SQL = `
  with ordered as materialized (
    select v.id, v.sku, p.id as product_id, p.status, v.active and v.price is not null as variant_available
    from variants v join products p on p.id = v.product_id
    where v.id = any($1::uuid[])
    order by p.id
    for share of p
  )
  select hub_product_unavailable(json_agg(json_build_object(
    'variantId', id, 'sku', sku, 'productId', product_id, 'productStatus', status,
    'variantAvailable', variant_available)))
  from ordered where status <> 'on_sale' or not variant_available
  having count(*) > 0`;

export function onSaleCheckStatement(plan: OrderPlan): Statement {
  return { text: ON_SALE_CHECK_SQL, params: [plan.parts.flatMap((p) => p.lines.map((l) => l.variantId))] };
}

/** The check's error as a ProductUnavailable naming the plan's lines, or null for any other error. */
export function productUnavailableOf(error: unknown, plan: OrderPlan): ProductUnavailable | null {
  const e = error as { code?: string; detail?: string } | null;
  if (e?.code !== "HS410" || !e.detail) return null;
  const lines = plan.parts.flatMap((p) => p.lines);
  const rows = JSON.parse(e.detail) as Omit<UnavailableLine, "productName" | "productNameEn">[];
  return new ProductUnavailable(
    rows.map((r) => {
      const line = lines.find((l) => l.variantId === r.variantId)!;
      return { ...r, productName: line.productName, productNameEn: line.productNameEn };
    }),
  );
}
