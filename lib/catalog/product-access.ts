import { eq } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { products } from "@/db/schema";
import type { Actor, UserActor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/policy";
import { Conflict, Forbidden, NotFound, Unauthenticated } from "@/lib/errors";
import { idOrNotFound } from "@/lib/validation";
import { isEditable, type ProductActorKind } from "./lifecycle";

export type ProductRow = typeof products.$inferSelect;

/** Who is asking, as the lifecycle sees it: the seller that manages listings, or marketing that reviews. */
export function productActorKind(actor: Actor | null): { user: UserActor; kind: ProductActorKind } {
  if (!actor) throw new Unauthenticated();
  if (actor.kind === "user" && can(actor, "product:manage:own") && actor.organisationId)
    return { user: actor, kind: "seller" };
  if (actor.kind === "user" && can(actor, "product:review")) return { user: actor, kind: "marketing" };
  throw new Forbidden("auth.forbidden", "Only a seller's staff and marketing manage products.");
}

/**
 * A product the actor may manage: its own seller's (another seller's is NotFound, as if it did not
 * exist) or, for marketing, any. `lock` takes the row FOR UPDATE, so steps on one product run one at a time.
 */
export async function loadProductFor(
  db: Db | Tx,
  actor: Actor | null,
  rawId: unknown,
  opts: { lock?: boolean } = {},
): Promise<{ product: ProductRow; user: UserActor; kind: ProductActorKind }> {
  const { user, kind } = productActorKind(actor);
  const noSuchProduct = () => new NotFound("product.not_found", "No such product.");
  const id = idOrNotFound(rawId, noSuchProduct);
  const q = db.select().from(products).where(eq(products.id, id));
  const [product] = opts.lock ? await q.for("update") : await q;
  if (!product || (kind === "seller" && product.sellerId !== user.organisationId)) {
    throw noSuchProduct();
  }
  return { product, user, kind };
}

/** Editing steps are the seller's own (marketing reviews, it does not edit). */
export function requireSeller(kind: ProductActorKind) {
  if (kind !== "seller") throw new Forbidden("product.seller_only", "Only the product's seller edits it.");
}

/**
 * The seller's own draft, locked, for a step that changes what marketing reviews (names, options):
 * anything past draft is 409 `product.not_editable`, naming the state it is in.
 */
export async function loadOwnDraft(
  tx: Tx,
  actor: Actor | null,
  rawId: unknown,
): Promise<{ product: ProductRow; user: UserActor }> {
  const { product, user, kind } = await loadProductFor(tx, actor, rawId, { lock: true });
  requireSeller(kind);
  if (!isEditable(product.status)) {
    throw new Conflict(
      "product.not_editable",
      `Only a draft changes this way (this product is ${product.status}).`,
      { productStatus: product.status },
    );
  }
  return { product, user };
}
