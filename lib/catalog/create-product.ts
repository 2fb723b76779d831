import { randomUUID } from "node:crypto";
import type { Tx } from "@/db/client";
import { products } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import type { Actor } from "@/lib/auth/actor";
import { claimKey, idempotentRequest } from "@/lib/idempotency";
import { loadProductFor, productActorKind, requireSeller } from "./product-access";
import { productDetail, type SellerProductDetail } from "./product-detail";
import { recordTransition } from "./product-history";
import { CreateProductInput } from "./product-schemas";

/**
 * A seller's new listing: a draft with no options and no variants yet. With an Idempotency-Key, a
 * retry answers the first product (`replayed`) and creates nothing; the key with another body is 422.
 */
export async function createProduct(
  tx: Tx,
  actor: Actor | null,
  raw: unknown,
  opts: { idempotencyKey?: string } = {},
): Promise<{ product: SellerProductDetail; replayed: boolean }> {
  const { user, kind } = productActorKind(actor);
  requireSeller(kind);
  const input = CreateProductInput.parse(raw);
  const id = randomUUID();
  const idem = idempotentRequest({ userId: user.id, scope: "products", key: opts.idempotencyKey }, input);
  if (idem) {
    const prior = await claimKey(tx, idem, id);
    if (prior)
      return {
        product: await productDetail(tx, (await loadProductFor(tx, user, prior)).product),
        replayed: true,
      };
  }
  const [product] = await tx
    .insert(products)
    .values({
      id,
      sellerId: user.organisationId!,
      status: "draft",
      type: input.type,
      category: input.category,
      brand: input.brand ?? "",
      nameKo: input.nameKo,
      nameEn: input.nameEn,
      descriptionKo: input.descriptionKo ?? "",
      descriptionEn: input.descriptionEn ?? "",
    })
    .returning();
  await recordTransition(tx, {
    productId: product!.id,
    from: null,
    to: "draft",
    actorId: user.id,
    reason: "created",
  });
  await recordAudit(tx, user, {
    action: "product.create",
    targetType: "product",
    targetId: product!.id,
    detail: { nameKo: input.nameKo, nameEn: input.nameEn, type: input.type },
  });
  return { product: await productDetail(tx, { ...product!, status: "draft" }), replayed: false };
}
