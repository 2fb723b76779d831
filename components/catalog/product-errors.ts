"use client";

import { useTranslations } from "next-intl";
import { useFailureText, type Failure } from "@/components/ui/failure-text";

/** A failed action of the product family (the editor, the variant matrix, the stock forms, the review). */
export type { Failure };

/** Which message a field path gets: `groups.1.values.0.valueKo` → value, `nameEn` → name, … */
function fieldKey(path: string): string {
  const parts = path.split(".");
  const last = parts.at(-1)!;
  const inGroup = parts[0] === "groups" && parts.length > 1;
  if (parts.length === 1 && last === "groups") return "groups";
  if (inGroup && (last === "nameKo" || last === "nameEn")) return "groupName";
  if (inGroup && last === "values") return "values";
  if (inGroup && (last === "valueKo" || last === "valueEn" || /^\d+$/.test(last))) return "value";
  if (last === "nameKo" || last === "nameEn") return "name";
  if (last === "descriptionKo" || last === "descriptionEn") return "description";
  if (
    [
      "brand",
      "category",
      "type",
      "sku",
      "price",
      "reason",
      "quantity",
      "reference",
      "onHand",
      "variantId",
    ].includes(last)
  )
    return last;
  return "other";
}

/**
 * The one place where the product forms turn an action's error into words: a summary for the form,
 * a message per field path (the server's English text is for the API; the UI says it in the
 * reader's language), and the missing items of a refused submit.
 */
export function useProductErrors() {
  const t = useTranslations("productErrors");
  const failureText = useFailureText("productErrors");
  const tl = useTranslations("sellerCentre.lifecycle.missing");
  return (failure: Failure | null | undefined) => {
    if (!failure) return { summary: null, fields: {} as Record<string, string>, missing: [] as string[] };
    const raw = failure.errors ?? (failure.meta?.errors as Record<string, string> | undefined) ?? {};
    const missing: string[] = Object.keys(raw).filter((k) => k === "variants" || k === "variants.price");
    const fields: Record<string, string> = {};
    for (const path of Object.keys(raw)) {
      if (missing.includes(path)) continue;
      fields[path] =
        failure.code === "product.sku_taken" && path === "sku"
          ? t("product.sku_taken")
          : t(`field.${fieldKey(path)}`);
    }
    const summary = missing.length
      ? null
      : failure.code === "validation.invalid"
        ? t("invalid")
        : failureText(failure);
    return { summary, fields, missing: missing.map((k) => tl(k === "variants" ? "variants" : "price")) };
  };
}
