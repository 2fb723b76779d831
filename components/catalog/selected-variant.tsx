"use client";

import { createContext, useContext } from "react";
import type { ProductDetail, Variant } from "@/lib/catalog/schemas";

export type SelectedVariant = { product: ProductDetail; variant: Variant };

export const SelectedVariantContext = createContext<SelectedVariant | null>(null);

/**
 * The variant the customer has chosen on a product page, for components placed in the page's
 * purchase slot (e.g. "Add to cart"). Also reflected in the URL as `?variant=<id>`.
 */
export function useSelectedVariant(): SelectedVariant {
  const selected = useContext(SelectedVariantContext);
  if (!selected)
    throw new Error("useSelectedVariant() is only available inside a product page's purchase panel.");
  return selected;
}
