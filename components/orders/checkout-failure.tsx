"use client";

import { useLocale, useTranslations } from "next-intl";

export type Failure = { code: string; errors?: Record<string, string>; meta?: Record<string, unknown> };

/** Why the order was not placed, in the customer's words (short stock names the item and the place). */
export function CheckoutFailure({ failure, skuOf }: { failure: Failure; skuOf: (v: string) => string }) {
  const t = useTranslations("checkout");
  const locale = useLocale();
  const m = failure.meta ?? {};
  let text: string;
  if (failure.code === "order.insufficient_stock") {
    text = t("errors.short", {
      location: String(locale === "en" ? m.locationCode : (m.locationName ?? m.locationCode)),
      sku: String(m.sku ?? skuOf(String(m.variantId))),
      available: Number(m.available ?? 0),
    });
  } else if (failure.code === "payment.declined") {
    const reason = String(m.reason ?? "card_declined");
    text = t("errors.declined", { reason: t(`declineReason.${reason}` as "declineReason.card_declined") });
  } else if (failure.code === "order.product_unavailable") {
    const name = locale === "en" ? m.productNameEn : m.productName;
    text = t("errors.notOnSale", { item: name ? `${String(name)} (${String(m.sku)})` : String(m.sku ?? "") });
  } else if (failure.code === "rate_limited") {
    text = t("errors.rateLimited", { seconds: Number(m.retryAfterSeconds ?? 60) });
  } else if (failure.code === "idempotency.key_reused") {
    text = t("errors.keyReused");
  } else if (failure.errors) {
    text = failure.errors.sourceLocationId ? t("errors.chooseSource") : t("fixFields");
  } else {
    text = t("errors.generic");
  }
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
