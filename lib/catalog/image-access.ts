import { and, eq } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { products } from "@/db/schema";
import type { UserActor } from "@/lib/auth/actor";
import { Conflict, NotFound } from "@/lib/errors";
import { Id } from "@/lib/validation";

export function productNotFound() {
  return new NotFound("product.not_found", "No such product.");
}
export function imageNotFound() {
  return new NotFound("product_image.not_found", "No such image.");
}

/**
 * The acting seller's own product, for the image verbs. Another seller's product, or an unknown or
 * malformed id, is NotFound (never reveal that it exists). With `lock`, the row is held FOR NO KEY
 * UPDATE until the transaction ends, so that two uploads cannot both take the last free place or the
 * same position; NO KEY leaves the foreign-key checks of other inserts (variants, images) unblocked.
 */
export async function ownProduct(db: Db | Tx, actor: UserActor, rawId: string, opts: { lock: boolean }) {
  const id = Id.safeParse(rawId);
  if (!id.success || !actor.organisationId) throw productNotFound();
  const q = db
    .select({ id: products.id, status: products.status })
    .from(products)
    .where(and(eq(products.id, id.data), eq(products.sellerId, actor.organisationId)));
  const [row] = opts.lock ? await q.for("no key update") : await q;
  if (!row) throw productNotFound();
  return row;
}

/** Photos change in every state but the last, as prices do (API.md: variants, "any status but discontinued"). */
export function assertImagesEditable(product: { status: string }) {
  if (product.status === "discontinued") {
    throw new Conflict("product.not_editable", "The product is discontinued: its images can no longer change.", { productStatus: product.status });
  }
}
