import type { Tx } from "@/db/client";
import { recordAudit } from "@/lib/audit";
import { eventVerb } from "@/lib/event-verbs";
import type { Actor } from "@/lib/auth/actor";
import { Conflict, Forbidden, Invalid } from "@/lib/errors";
import { nextProductStatus, REASON_REQUIRED, STEP_ACTORS, type ProductEvent } from "./lifecycle";
import { loadProductFor } from "./product-access";
import { productDetail, snapshotOf, type SellerProductDetail } from "./product-detail";
import { recordTransition } from "./product-history";
import { TransitionInput } from "./product-schemas";

/**
 * One step of the launch lifecycle. Order: who may ask (403 for the other side's steps), the product
 * (another seller's: 404), the state (409 from a wrong one, a repeated step included), the step's
 * own rule, then the status and one history row with who, when, from, to and why.
 */
async function step(
  tx: Tx,
  actor: Actor | null,
  rawId: unknown,
  raw: unknown,
  event: ProductEvent,
): Promise<SellerProductDetail> {
  const { product, user, kind } = await loadProductFor(tx, actor, rawId, { lock: true });
  if (!STEP_ACTORS[event].includes(kind)) {
    throw new Forbidden(
      "product.step_not_allowed",
      `Your account may not ${event.replace("_", " ")} a product.`,
    );
  }
  const input = TransitionInput.parse(raw ?? {});
  const to = nextProductStatus(product.status, event);
  if (!to) {
    throw new Conflict(
      "product.illegal_transition",
      `Cannot ${event.replace("_", " ")} a product that is ${product.status}.`,
      { from: product.status, event },
    );
  }
  if (REASON_REQUIRED.has(event) && !input.reason)
    throw new Invalid({ reason: "Say why, so the seller knows what to fix." });

  const detail = await productDetail(tx, product);
  let snapshot;
  if (event === "submit") {
    // Ready for review: at least one active variant with a price.
    const missing: Record<string, string> = {};
    if (detail.variants.length === 0) missing.variants = "Save the options (or none) to create the variants.";
    else if (!detail.variants.some((v) => v.active && v.price !== null))
      missing["variants.price"] = "Set a price on at least one active variant.";
    if (Object.keys(missing).length) throw new Invalid(missing, "The product is not ready for review.");
    snapshot = snapshotOf(detail);
  }
  await recordTransition(tx, {
    productId: product.id,
    from: product.status,
    to,
    actorId: user.id,
    reason: input.reason ?? null,
    snapshot,
  });
  await recordAudit(tx, user, {
    action: `product.${event}`,
    targetType: "product",
    targetId: product.id,
    detail: { from: product.status, to, ...(input.reason ? { reason: input.reason } : {}) },
  });
  return productDetail(tx, { ...product, status: to });
}

export const submitProduct = eventVerb(step, "submit");
export const approveProduct = eventVerb(step, "approve");
export const sendBackProduct = eventVerb(step, "send_back");
export const publishProduct = eventVerb(step, "publish");
export const pauseProduct = eventVerb(step, "pause");
export const discontinueProduct = eventVerb(step, "discontinue");

export const PRODUCT_STEPS = {
  submit: submitProduct,
  approve: approveProduct,
  "send-back": sendBackProduct,
  publish: publishProduct,
  pause: pauseProduct,
  discontinue: discontinueProduct,
} as const;
