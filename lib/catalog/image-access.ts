import type { Db, Tx } from "@/db/client";
import type { UserActor } from "@/lib/auth/actor";
import { Conflict, NotFound } from "@/lib/errors";
import { variantsEditable } from "./lifecycle";
import { loadProductFor, requireSeller, type ProductRow } from "./product-access";

export function imageNotFound() {
  return new NotFound("product_image.not_found", "No such image.");
}

/**
 * The acting seller's own product, for the image verbs: the catalog's one loader (another seller's
 * product, or an unknown or malformed id, is NotFound), then the seller's own step (marketing reviews
 * photos, it does not change them). `lock` holds the row until the transaction ends, so that two
 * uploads cannot both take the last free place or the same position.
 */
export async function sellersOwnProduct(
  db: Db | Tx,
  actor: UserActor,
  rawId: unknown,
  opts: { lock: boolean },
): Promise<ProductRow> {
  const { product, kind } = await loadProductFor(db, actor, rawId, opts);
  requireSeller(kind);
  return product;
}

/** Photos change in every state but the last, as variants and prices do (lifecycle.ts). */
export function assertImagesEditable(product: Pick<ProductRow, "status">) {
  if (!variantsEditable(product.status)) {
    throw new Conflict(
      "product.not_editable",
      "The product is discontinued: its images can no longer change.",
      { productStatus: product.status },
    );
  }
}
