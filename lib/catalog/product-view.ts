import type { SellerProductDetail } from "./product-detail";

/**
 * How a seller's product is shown, pure (no I/O): which variants are the live matrix and which are
 * retired, and the reason marketing gave when it last sent the product back.
 */

type Variant = SellerProductDetail["variants"][number];

/**
 * The variants of the current options (every one of its values still offered) and the retired ones:
 * combinations that a change of options left behind but that were stocked or ordered, so they stay.
 * A variant switched off by its seller is still part of the matrix.
 */
export function splitVariants(p: Pick<SellerProductDetail, "options" | "variants">): {
  matrix: Variant[];
  retired: Variant[];
} {
  const offered = new Set(p.options.flatMap((g) => g.values.map((v) => v.id)));
  const current = (v: Variant) =>
    v.optionValueIds.length === p.options.length && v.optionValueIds.every((id) => offered.has(id));
  return { matrix: p.variants.filter(current), retired: p.variants.filter((v) => !current(v)) };
}

/** Marketing's reason, while the product is the draft it sent back (null once resubmitted). */
export function sendBackNote(
  p: Pick<SellerProductDetail, "status" | "history">,
): SellerProductDetail["history"][number] | null {
  if (p.status !== "draft") return null;
  const last = p.history.at(-1);
  return last && last.from === "in_review" && last.to === "draft" ? last : null;
}
