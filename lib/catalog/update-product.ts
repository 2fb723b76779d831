import { eq, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { products } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import type { Actor } from "@/lib/auth/actor";
import { loadOwnDraft } from "./product-access";
import { productDetail, type SellerProductDetail } from "./product-detail";
import { UpdateProductInput } from "./product-schemas";

/** Names, descriptions, brand, category and type change only while the product is a draft. */
export async function updateProduct(
  tx: Tx,
  actor: Actor | null,
  rawId: unknown,
  raw: unknown,
): Promise<SellerProductDetail> {
  const { product, user } = await loadOwnDraft(tx, actor, rawId);
  const input = UpdateProductInput.parse(raw);
  if (Object.keys(input).length === 0) return productDetail(tx, product);
  const [updated] = await tx
    .update(products)
    .set({ ...input, updatedAt: sql`now()` })
    .where(eq(products.id, product.id))
    .returning();
  await recordAudit(tx, user, {
    action: "product.update",
    targetType: "product",
    targetId: product.id,
    detail: { fields: Object.keys(input) },
  });
  return productDetail(tx, updated!);
}
