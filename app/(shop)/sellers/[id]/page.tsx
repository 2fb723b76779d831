import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { cache } from "react";
import { getDb } from "@/db/client";
import { ProductGrid } from "@/components/catalog/product-grid";
import { SellerHeader } from "@/components/catalog/seller-header";
import { PaginationLinks } from "@/components/ui/pagination-links";
import { browseQuery, marketplaceNames } from "@/lib/catalog/browse";
import { getSeller, listProducts } from "@/lib/catalog/queries";
import { NotFound } from "@/lib/errors";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

/** The seller (NotFound → the 404 page), once per request. */
const loadSeller = cache(async (id: string) => {
  try {
    return await getSeller(getDb(), id);
  } catch (e) {
    if (e instanceof NotFound) notFound();
    throw e;
  }
});

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
    listProducts(getDb(), { seller: seller.id, page }),
    getTranslations("catalog.seller"),
    getLocale(),
  ]);
  const name = locale === "en" ? seller.nameEn : seller.name;
  const pages = Math.max(1, Math.ceil(result.total / result.pageSize));

  return (
    <div className="flex flex-col gap-6">
      <nav aria-label={t("breadcrumb")} className="text-sm text-slate-500">
        <ol className="flex flex-wrap items-center gap-1.5">
          <li>
            <Link href="/" className="hover:text-ink hover:underline">
              {t("home")}
            </Link>
          </li>
          <li aria-hidden="true">›</li>
          <li aria-current="page" className="font-medium text-slate-700">
            {name}
          </li>
        </ol>
      </nav>

      <SellerHeader name={name} kind={seller.kind} count={result.total} capped={result.totalCapped} />

      {result.items.length > 0 ? (
        <ProductGrid products={result.items} marketplaceNames={marketplaceNames([seller], locale)} testId="seller-products" />
      ) : (
        <div className="rounded-2xl border border-dashed border-slate-300 bg-white px-6 py-16 text-center" data-testid="seller-empty">
          <p className="text-lg font-bold text-ink">{t("emptyTitle")}</p>
          <p className="mt-2 text-sm text-slate-600">{t("emptyText")}</p>
        </div>
      )}

      <PaginationLinks page={page} pages={pages} label={t("pagination")} hrefFor={(p) => (p > 1 ? `/sellers/${seller.id}?page=${p}` : `/sellers/${seller.id}`)} />
    </div>
  );
}
