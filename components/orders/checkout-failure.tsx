"use client";

import { useLocale, useTranslations } from "next-intl";
import { useFailureText } from "@/components/ui/failure-text";

export type Failure = { code: string; errors?: Record<string, string>; meta?: Record<string, unknown> };

/** Why the order was not placed, in the customer's words (short stock names the item and the place). */
export function CheckoutFailure({ failure, skuOf }: { failure: Failure; skuOf: (v: string) => string }) {
  const t = useTranslations("checkout");
  const locale = useLocale();
  const failureText = useFailureText("checkout.errors", (f) => {
    const m = f.meta ?? {};
    const name = locale === "en" ? m.productNameEn : m.productName;
    return {
      location: String(locale === "en" ? m.locationCode : (m.locationName ?? m.locationCode)),
      sku: String(m.sku ?? skuOf(String(m.variantId))),
      available: Number(m.available ?? 0),
      reason: t(`declineReason.${String(m.reason ?? "card_declined")}` as "declineReason.card_declined"),
      // order.product_unavailable: the product's name in the customer's language, and its SKU.
      item: name ? `${String(name)} (${String(m.sku ?? "")})` : String(m.sku ?? ""),
    };
  });
  const text =
    failure.code === "validation.invalid" && failure.errors
      ? failure.errors.sourceLocationId
        ? t("errors.chooseSource")
        : t("fixFields")
      : failureText(failure);
  return (
    <p
      role="alert"
      data-code={failure.code}
      className="mt-4 rounded-lg bg-red-50 px-3 py-2 text-sm text-red-700"
    >
      {text}
    </p>
  );
}
