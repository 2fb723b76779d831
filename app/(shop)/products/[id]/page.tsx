import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { cache } from "react";
import { getDb } from "@/db/client";
import { BoughtTogether } from "@/components/catalog/bought-together";
import { ProductPurchase } from "@/components/catalog/product-purchase";
import { AddSelectedToCart } from "@/components/orders/add-selected-to-cart";
import { Breadcrumb } from "@/components/ui/breadcrumb";
import { currentActor } from "@/lib/auth/session";
import { marketplaceNames } from "@/lib/catalog/browse";
import { boughtTogether } from "@/lib/catalog/bought-together";
import { shopProduct, shopSellers } from "@/lib/catalog/cached-reads";
import { orNotFound } from "@/lib/http/page";
import { availabilityByVariant } from "@/lib/inventory/availability";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ variant?: string | string[] }> };

/** The product as this visitor may see it (NotFound → the 404 page), once per request. */
const loadProduct = cache(async (id: string) => orNotFound(shopProduct(getDb(), await currentActor(), id)));

export async function generateMetadata({ params }: Props) {
  const [product, locale] = await Promise.all([loadProduct((await params).id), getLocale()]);
  return { title: locale === "en" ? product.nameEn : product.nameKo };
}

export default async function ProductPage({ params, searchParams }: Props) {
  const [{ id }, sp] = await Promise.all([params, searchParams]);
  const [product, actor] = await Promise.all([loadProduct(id), currentActor()]);
  const [availability, together, sellers, t, tl, locale] = await Promise.all([
    availabilityByVariant(
      getDb(),
      product.variants.map((v) => v.id),
    ),
    boughtTogether(getDb(), product.id),
    shopSellers(getDb()),
    getTranslations("catalog.product"),
    getTranslations("catalog.labels"),
    getLocale(),
  ]);
  const requested = Array.isArray(sp.variant) ? sp.variant[0] : sp.variant;
  const sellerName = locale === "en" ? product.seller.nameEn : product.seller.name;

  return (
    <div className="flex flex-col gap-6">
      <Breadcrumb
        trail={[
          { label: t("home"), href: "/" },
          { label: tl(`category.${product.category}`), href: `/?category=${product.category}` },
        ]}
        current={locale === "en" ? product.nameEn : product.nameKo}
      />

      {product.status !== "on_sale" ? (
        <p
          role="status"
          className="rounded-xl bg-amber-50 px-4 py-3 text-sm font-medium text-amber-900 ring-1 ring-amber-200"
        >
          {t("notOnSale", { status: tl(`status.${product.status}`) })}
        </p>
      ) : null}

      <ProductPurchase
        product={product}
        availability={Object.fromEntries(availability)}
        requestedVariantId={requested}
      >
        {/* Stock products are bought through the cart; staff do not shop (reservation products link to booking). */}
        {product.type === "stock" &&
        product.status === "on_sale" &&
        (actor === null || actor.role === "customer") ? (
          <AddSelectedToCart />
        ) : null}
      </ProductPurchase>

      <section
        aria-labelledby="details-title"
        className="rounded-2xl border border-slate-200 bg-white p-6 shadow-sm"
      >
        <h2 id="details-title" className="mb-4 text-base font-bold text-ink">
          {t("details")}
        </h2>
        <dl className="grid gap-x-8 gap-y-3 text-sm sm:grid-cols-2">
          <Detail term={t("brand")} value={product.brand} />
          <Detail term={t("category")} value={tl(`category.${product.category}`)} />
          <Detail
            term={t("soldBy")}
            value={
              <>
                {sellerName} ·{" "}
                {product.seller.kind === "retailer" ? t("retailerSeller") : t("marketplaceSeller")}
                <Link
                  href={`/sellers/${product.seller.id}`}
                  className="ml-2 text-sm font-semibold text-brand-600 hover:underline"
                >
                  {t("visitStore")} ›
                </Link>
              </>
            }
          />
          <Detail term={t("variantsLabel")} value={t("variantCount", { count: product.variants.length })} />
          {product.optionGroups.map((g) => (
            <Detail
              key={g.id}
              term={locale === "en" ? g.nameEn : g.nameKo}
              value={g.values.map((v) => (locale === "en" ? v.valueEn : v.valueKo)).join(" · ")}
            />
          ))}
        </dl>
      </section>

      <BoughtTogether products={together} marketplaceNames={marketplaceNames(sellers, locale)} />
    </div>
  );
}

function Detail({ term, value }: { term: string; value: React.ReactNode }) {
  return (
    <div className="flex gap-4 border-b border-slate-100 pb-3">
      <dt className="w-28 shrink-0 text-slate-500">{term}</dt>
      <dd className="font-medium text-ink">{value}</dd>
    </div>
  );
}
