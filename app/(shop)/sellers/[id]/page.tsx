import { getLocale, getTranslations } from "next-intl/server";
import { cache } from "react";
import { getDb } from "@/db/client";
import { ProductGrid } from "@/components/catalog/product-grid";
import { SellerHeader } from "@/components/catalog/seller-header";
import { Breadcrumb } from "@/components/ui/breadcrumb";
import { PaginationLinks } from "@/components/ui/pagination-links";
import { browseQuery } from "@/lib/catalog/browse";
import { shopProducts, shopSeller } from "@/lib/catalog/cached-reads";
import { orNotFound } from "@/lib/http/page";

type Props = {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

/** The seller (NotFound → the 404 page), once per request. */
const loadSeller = cache((id: string) => orNotFound(shopSeller(getDb(), id)));

export async function generateMetadata({ params }: Props) {
  const [seller, locale] = await Promise.all([loadSeller((await params).id), getLocale()]);
  return { title: locale === "en" ? seller.nameEn : seller.name };
}

/** A seller's storefront: its name and what it has on sale, in the shop's order. */
export default async function SellerPage({ params, searchParams }: Props) {
  const [{ id }, sp] = await Promise.all([params, searchParams]);
  const seller = await loadSeller(id);
  const { page } = browseQuery(sp);
  const [result, t, locale] = await Promise.all([
    shopProducts(getDb(), { seller: seller.id, page }),
    getTranslations("catalog.seller"),
    getLocale(),
  ]);
  const name = locale === "en" ? seller.nameEn : seller.name;
  const pages = Math.max(1, Math.ceil(result.total / result.pageSize));

  return (
    <div className="flex flex-col gap-6">
      <Breadcrumb trail={[{ label: t("home"), href: "/" }]} current={name} />

      <SellerHeader name={name} kind={seller.kind} count={result.total} capped={result.totalCapped} />

      {result.items.length > 0 ? (
        // No seller badge on the cards: the whole page is this seller's.
        <ProductGrid products={result.items} marketplaceNames={new Map()} testId="seller-products" />
      ) : (
        <div
          className="rounded-2xl border border-dashed border-slate-300 bg-white px-6 py-16 text-center"
          data-testid="seller-empty"
        >
          <p className="text-lg font-bold text-ink">{t("emptyTitle")}</p>
          <p className="mt-2 text-sm text-slate-600">{t("emptyText")}</p>
        </div>
      )}

      <PaginationLinks
        page={page}
        pages={pages}
        label={t("pagination")}
        hrefFor={(p) => (p > 1 ? `/sellers/${seller.id}?page=${p}` : `/sellers/${seller.id}`)}
      />
    </div>
  );
}
