import type { productStatus } from "@/db/schema";

export type ProductStatus = (typeof productStatus.enumValues)[number];
export type ProductEvent = "submit" | "approve" | "send_back" | "publish" | "pause" | "discontinue";
export type ProductActorKind = "seller" | "marketing";

/** Who may ask for each step: the owning seller runs its listing, marketing reviews (and may retire any). */
export const STEP_ACTORS: Record<ProductEvent, readonly ProductActorKind[]> = {
  submit: ["seller"],
  approve: ["marketing"],
  send_back: ["marketing"],
  publish: ["seller"],
  pause: ["seller"],
  discontinue: ["seller", "marketing"],
};

const TRANSITIONS: Record<
  Exclude<ProductEvent, "discontinue">,
  Partial<Record<ProductStatus, ProductStatus>>
> = {
  submit: { draft: "in_review" },
  approve: { in_review: "approved" },
  send_back: { in_review: "draft" },
  publish: { approved: "on_sale", paused: "on_sale" },
  pause: { on_sale: "paused" },
};

/**
 * The launch lifecycle: draft → in_review → approved | back to draft (with marketing's reason) →
 * on_sale ⇄ paused; any status but discontinued → discontinued. Returns the next status, or null
 * when the event is not allowed from `from` (a repeated step included).
 */
export function nextProductStatus(from: ProductStatus, event: ProductEvent): ProductStatus | null {
  if (event === "discontinue") return from === "discontinued" ? null : "discontinued";
  return TRANSITIONS[event][from] ?? null;
}

/** The steps open from a status for an actor kind (the buttons a product page shows). */
export function allowedProductEvents(from: ProductStatus, who: ProductActorKind): ProductEvent[] {
  return (Object.keys(STEP_ACTORS) as ProductEvent[]).filter(
    (e) => STEP_ACTORS[e].includes(who) && nextProductStatus(from, e) !== null,
  );
}

/** Steps that need a reason in the history (marketing's send-back must say why). */
export const REASON_REQUIRED: ReadonlySet<ProductEvent> = new Set(["send_back"]);

/** Only a draft's content (names, options) may change; prices and SKUs may change until it is retired. */
export const isEditable = (status: ProductStatus) => status === "draft";
export const variantsEditable = (status: ProductStatus) => status !== "discontinued";
/** What a customer may see, put in a cart and order. */
export const isPurchasable = (status: ProductStatus) => status === "on_sale";
