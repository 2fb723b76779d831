import type { Tx } from "@/db/client";
import { products } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { productActorKind, requireSeller } from "./product-access";
import { productDetail, type SellerProductDetail } from "./product-detail";
import { recordTransition } from "./product-history";
import { CreateProductInput } from "./product-schemas";

/** A seller's new listing: a draft with no options and no variants yet. */
export async function createProduct(tx: Tx, actor: Actor | null, raw: unknown): Promise<SellerProductDetail> {
  const { user, kind } = productActorKind(actor);
  requireSeller(kind);
  const input = CreateProductInput.parse(raw);
  const [product] = await tx
    .insert(products)
    .values({
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
  await recordTransition(tx, { productId: product!.id, from: null, to: "draft", actorId: user.id, reason: "created" });
  return productDetail(tx, { ...product!, status: "draft" });
}
