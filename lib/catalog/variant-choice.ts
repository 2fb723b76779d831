import type { OptionGroup, Variant } from "./schemas";

/**
 * Choosing a variant by its options, as pure functions (the product page's selectors use them).
 * Picking a value keeps the other choices when that combination exists; otherwise it takes the first
 * variant with the picked value, so a click never lands on a combination that is not sold.
 */
export function pickValue(
  variants: Variant[],
  current: Variant,
  groupIndex: number,
  valueId: string,
): Variant {
  const wanted = current.optionValueIds.map((id, i) => (i === groupIndex ? valueId : id));
  return (
    variants.find((v) => sameValues(v.optionValueIds, wanted)) ??
    variants.find((v) => v.optionValueIds[groupIndex] === valueId) ??
    current
  );
}

/** Would picking this value keep the other choices (or does the combination not exist)? */
export function isCombinable(
  variants: Variant[],
  current: Variant,
  groupIndex: number,
  valueId: string,
): boolean {
  const wanted = current.optionValueIds.map((id, i) => (i === groupIndex ? valueId : id));
  return variants.some((v) => sameValues(v.optionValueIds, wanted));
}

/** The variant named in the URL, or the first one. */
export function initialVariant(variants: Variant[], requested: string | undefined): Variant | undefined {
  return variants.find((v) => v.id === requested) ?? variants[0];
}

/** The label of each group's chosen value, e.g. "Icy Blue / 256GB". */
export function describeVariant(groups: OptionGroup[], variant: Variant, locale: string): string {
  return groups
    .map((g, i) => g.values.find((v) => v.id === variant.optionValueIds[i]))
    .filter((v) => v !== undefined)
    .map((v) => (locale === "en" ? v.valueEn : v.valueKo))
    .join(" / ");
}

function sameValues(a: string[], b: string[]) {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
