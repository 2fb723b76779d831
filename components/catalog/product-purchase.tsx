"use client";

import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { useFormat } from "@/lib/format";
import { useState } from "react";
import type { ProductDetail, Variant } from "@/lib/catalog/schemas";
import { isLight, swatchColor } from "@/lib/catalog/swatches";
import { describeVariant, initialVariant, isCombinable, pickValue } from "@/lib/catalog/variant-choice";
import type { Availability } from "@/lib/inventory/schemas";
import { AvailabilityPanel } from "./availability-panel";
import { ProductGallery } from "./product-gallery";
import { SelectedVariantContext } from "./selected-variant";

/**
 * The interactive half of a product page: the picture in the chosen colour, the option selectors,
 * the chosen variant's price, SKU and stock by delivery option. `children` is the purchase slot
 * (the cart's "Add to cart"); it reads the choice with useSelectedVariant().
 */
export function ProductPurchase({
  product,
  availability,
  requestedVariantId,
  children,
}: {
  product: ProductDetail;
  availability: Record<string, Availability[]>;
  requestedVariantId?: string;
  children?: React.ReactNode;
}) {
  const t = useTranslations("catalog.product");
  const format = useFormat();
  const locale = useLocale();
  const [variant, setVariant] = useState<Variant | undefined>(() =>
    initialVariant(product.variants, requestedVariantId),
  );

  function choose(next: Variant) {
    setVariant(next);
    // Shareable and survives a reload; Next keeps useSearchParams in step with replaceState.
    const url = new URL(window.location.href);
    url.searchParams.set("variant", next.id);
    window.history.replaceState(window.history.state, "", `${url.pathname}${url.search}`);
  }

  const colorIndex = product.optionGroups.findIndex((g) => g.code === "color");
  const colorValue =
    variant && colorIndex >= 0
      ? product.optionGroups[colorIndex]!.values.find((v) => v.id === variant.optionValueIds[colorIndex])
      : undefined;
  const name = locale === "en" ? product.nameEn : product.nameKo;

  return (
    <div className="grid gap-8 lg:grid-cols-2 lg:gap-12">
      <div className="lg:sticky lg:top-24 lg:self-start">
        <ProductGallery
          category={product.category}
          brand={product.brand}
          nameEn={product.nameEn}
          tint={colorValue ? swatchColor(colorValue.valueEn) : undefined}
          images={product.images}
          alt={name}
          className="aspect-[4/3] rounded-3xl border border-slate-200"
        />
      </div>

      <div className="flex flex-col gap-6">
        <div>
          <p className="text-sm font-semibold uppercase tracking-wide text-brand-600">{product.brand}</p>
          <h1 className="mt-1 text-3xl font-extrabold tracking-tight text-ink">{name}</h1>
          <p className="mt-2 flex flex-wrap items-center gap-2 text-sm text-slate-600">
            <span>
              {t("soldBy")}{" "}
              <Link
                href={`/sellers/${product.seller.id}`}
                className="font-semibold text-ink underline-offset-2 hover:text-brand-700 hover:underline"
                data-testid="seller-link"
              >
                {locale === "en" ? product.seller.nameEn : product.seller.name}
              </Link>
            </span>
            <span
              className={`rounded-full px-2 py-0.5 text-[11px] font-bold ${
                product.seller.kind === "retailer"
                  ? "bg-brand-50 text-brand-700 ring-1 ring-brand-100"
                  : "bg-slate-100 text-slate-700 ring-1 ring-slate-200"
              }`}
            >
              {product.seller.kind === "retailer" ? t("retailerSeller") : t("marketplaceSeller")}
            </span>
            {product.type === "reservation" ? (
              <span className="rounded-full bg-violet-600 px-2 py-0.5 text-[11px] font-bold text-white">
                {t("reservationBadge")}
              </span>
            ) : null}
          </p>
          <p className="mt-3 text-base leading-relaxed text-slate-600">
            {locale === "en" ? product.descriptionEn : product.descriptionKo}
          </p>
        </div>

        {product.optionGroups.map((group, gi) => {
          const chosen = variant ? group.values.find((v) => v.id === variant.optionValueIds[gi]) : undefined;
          const isColor = group.code === "color";
          return (
            <fieldset key={group.id} className="flex flex-col gap-2.5">
              <legend className="mb-2.5 text-sm font-semibold text-ink">
                {locale === "en" ? group.nameEn : group.nameKo}
                {chosen ? (
                  <span className="ml-2 font-normal text-slate-500">
                    {locale === "en" ? chosen.valueEn : chosen.valueKo}
                  </span>
                ) : null}
              </legend>
              <div className="flex flex-wrap gap-2.5">
                {group.values.map((value) => {
                  const selected = chosen?.id === value.id;
                  const combinable = !variant || isCombinable(product.variants, variant, gi, value.id);
                  const label = locale === "en" ? value.valueEn : value.valueKo;
                  const onClick = () => variant && choose(pickValue(product.variants, variant, gi, value.id));
                  if (isColor) {
                    const hex = swatchColor(value.valueEn);
                    return (
                      <button
                        key={value.id}
                        type="button"
                        onClick={onClick}
                        aria-pressed={selected}
                        aria-label={label}
                        title={label}
                        className={`grid h-11 w-11 place-items-center rounded-full transition ${
                          selected
                            ? "ring-2 ring-brand-600 ring-offset-2"
                            : "ring-1 ring-slate-300 hover:ring-slate-500"
                        } ${combinable ? "" : "opacity-50"}`}
                      >
                        <span
                          className="h-9 w-9 rounded-full"
                          style={{
                            backgroundColor: hex,
                            boxShadow: isLight(hex) ? "inset 0 0 0 1px rgba(0,0,0,0.15)" : undefined,
                          }}
                        />
                      </button>
                    );
                  }
                  return (
                    <button
                      key={value.id}
                      type="button"
                      onClick={onClick}
                      aria-pressed={selected}
                      className={`min-w-20 rounded-xl border px-4 py-2.5 text-sm font-semibold transition ${
                        selected
                          ? "border-brand-600 bg-brand-50 text-brand-700 ring-1 ring-brand-600"
                          : "border-slate-300 bg-white text-slate-700 hover:border-slate-500"
                      } ${combinable ? "" : "border-dashed text-slate-400"}`}
                    >
                      {label}
                    </button>
                  );
                })}
              </div>
            </fieldset>
          );
        })}

        {variant ? (
          <SelectedVariantContext.Provider value={{ product, variant }}>
            <div className="rounded-2xl border border-slate-200 bg-white p-5 shadow-sm">
              <div className="flex flex-wrap items-end justify-between gap-3">
                <div>
                  <p className="text-xs font-medium text-slate-500">
                    {t("price")} · {t("vatIncluded")}
                  </p>
                  <p className="text-3xl font-extrabold tracking-tight text-ink" data-testid="variant-price">
                    {format.krw(variant.price)}
                  </p>
                </div>
                <div className="text-right text-xs text-slate-500">
                  <p data-testid="variant-choice">{describeVariant(product.optionGroups, variant, locale)}</p>
                  <p className="font-mono" data-testid="variant-sku">
                    {t("sku")} {variant.sku}
                  </p>
                </div>
              </div>
              {/* The purchase slot: the orders domain renders "Add to cart" here (see app/(shop)/products/[id]/page.tsx). */}
              {children ? (
                <div className="mt-4" data-slot="purchase">
                  {children}
                </div>
              ) : null}
              {product.type === "reservation" ? (
                <div className="mt-4 rounded-xl bg-violet-50 p-4 ring-1 ring-violet-200">
                  <p className="text-sm font-bold text-violet-900">{t("reservationTitle")}</p>
                  <p className="mt-1 text-sm text-violet-800">{t("reservationText")}</p>
                  <Link
                    href={`/reservations/browse?productId=${product.id}`}
                    className="mt-3 inline-flex items-center gap-2 rounded-lg bg-violet-600 px-4 py-2.5 text-sm font-semibold text-white hover:bg-violet-700"
                  >
                    {t("reservationCta")} →
                  </Link>
                </div>
              ) : null}
            </div>

            {product.type === "stock" || (availability[variant.id]?.length ?? 0) > 0 ? (
              <AvailabilityPanel rows={availability[variant.id] ?? []} seller={product.seller} />
            ) : null}
          </SelectedVariantContext.Provider>
        ) : null}
      </div>
    </div>
  );
}
