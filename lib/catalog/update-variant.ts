import { and, eq, ne } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { variants } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import type { Actor } from "@/lib/auth/actor";
import { Conflict, NotFound } from "@/lib/errors";
import { idOrNotFound } from "@/lib/validation";
import { variantsEditable } from "./lifecycle";
import { loadProductFor, requireSeller } from "./product-access";
import type { SellerProductDetail } from "./product-detail";
import { touchProduct } from "./product-history";
import { UpdateVariantInput } from "./product-schemas";
import { isSkuViolation, SkuTaken } from "./sku";

export type VariantView = SellerProductDetail["variants"][number];

/** A variant's SKU, price or switch, in any status but discontinued (a price change applies to new orders only). */
export async function updateVariant(
  tx: Tx,
  actor: Actor | null,
  rawProductId: unknown,
  rawVariantId: unknown,
  raw: unknown,
) {
  const { product, user, kind } = await loadProductFor(tx, actor, rawProductId, { lock: true });
  requireSeller(kind);
  const variantId = idOrNotFound(rawVariantId, () => new NotFound("variant.not_found", "No such variant."));
  const input = UpdateVariantInput.parse(raw);
  const [variant] = await tx
    .select()
    .from(variants)
    .where(and(eq(variants.id, variantId), eq(variants.productId, product.id)))
    .for("update");
  if (!variant) throw new NotFound("variant.not_found", "No such variant.");
  if (!variantsEditable(product.status)) {
    throw new Conflict("product.not_editable", "A discontinued product's variants no longer change.", {
      productStatus: product.status,
    });
  }
  if (input.sku && input.sku !== variant.sku) {
    const [clash] = await tx
      .select({ id: variants.id })
      .from(variants)
      .where(and(eq(variants.sku, input.sku), ne(variants.id, variant.id)));
    if (clash) throw new SkuTaken(input.sku);
  }
  if (Object.keys(input).length === 0)
    return { id: variant.id, sku: variant.sku, price: variant.price, active: variant.active };
  try {
    const [updated] = await tx
      .update(variants)
      .set(input)
      .where(eq(variants.id, variant.id))
      .returning({ id: variants.id, sku: variants.sku, price: variants.price, active: variants.active });
    await touchProduct(tx, product.id);
    const changes = Object.fromEntries(
      Object.entries(input).map(([k, v]) => [k, [variant[k as keyof typeof input], v]]),
    );
    await recordAudit(tx, user, {
      action: "variant.update",
      targetType: "product",
      targetId: product.id,
      detail: { variantId: variant.id, changes },
    });
    return updated!;
  } catch (e) {
    if (isSkuViolation(e)) throw new SkuTaken(input.sku ?? variant.sku);
    throw e;
  }
}
