"use client";

import { useSelectedVariant } from "@/components/catalog/selected-variant";
import { AddToCartButton } from "./add-to-cart-button";

/** "Add to cart" for the variant chosen on a product page (its purchase slot). */
export function AddSelectedToCart() {
  const { variant } = useSelectedVariant();
  return <AddToCartButton key={variant.id} variantId={variant.id} />;
}
