import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { BrowseControls } from "@/components/catalog/browse-controls";
import { SearchIcon } from "@/components/catalog/icons";
import { ProductGrid } from "@/components/catalog/product-grid";
import { ShopHero } from "@/components/catalog/shop-hero";
import { PaginationLinks } from "@/components/ui/pagination-links";
import { browseHref, browseQuery, marketplaceNames } from "@/lib/catalog/browse";
import { shopProducts, shopSellers } from "@/lib/catalog/cached-reads";
import { titleFrom } from "@/lib/http/page";

export const generateMetadata = titleFrom("catalog.shop", "metaTitle");

export default async function ShopHome({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const query = browseQuery(await searchParams);
  const db = getDb();
  const [result, sellers, t, locale] = await Promise.all([
    shopProducts(db, query),
    shopSellers(db),
    getTranslations("catalog.shop"),
    getLocale(),
  ]);
  const marketplace = marketplaceNames(sellers, locale);
  // Past the count's cap, offer one page more while pages come full.
  const counted = Math.max(1, Math.ceil(result.total / result.pageSize));
  const pages =
    result.totalCapped && result.items.length === result.pageSize
      ? Math.max(counted, query.page + 1)
      : counted;
  const count = t(result.totalCapped ? "resultCountCapped" : "resultCount", { count: result.total });
  const filtered = Boolean(query.q || query.type || query.category);

  return (
    <div className="flex flex-col gap-6">
      {!filtered && query.page === 1 ? <ShopHero /> : <h1 className="sr-only">{t("metaTitle")}</h1>}
      <BrowseControls query={query} />

      <section aria-labelledby="results-title" className="flex flex-col gap-4">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="results-title" className="text-lg font-bold text-ink">
            {query.q ? t("searchResult", { q: query.q }) : count}
            {query.q ? <span className="ml-2 text-sm font-medium text-slate-500">{count}</span> : null}
          </h2>
          {filtered ? (
            <Link href="/" className="text-sm font-semibold text-brand-600 hover:underline">
              {t("clearFilters")}
            </Link>
          ) : null}
        </div>

        {result.items.length > 0 ? (
          <ProductGrid products={result.items} marketplaceNames={marketplace} />
        ) : (
          <div
            className="rounded-2xl border border-dashed border-slate-300 bg-white px-6 py-16 text-center"
            data-testid="empty-results"
          >
            <span className="mx-auto grid h-14 w-14 place-items-center rounded-full bg-slate-100 text-slate-400">
              <SearchIcon size={26} />
            </span>
            <p className="mt-3 text-lg font-bold text-ink">{t("emptyTitle")}</p>
            <p className="mx-auto mt-2 max-w-md text-sm text-slate-600">{t("emptyText")}</p>
            <Link
              href="/"
              className="mt-6 inline-block rounded-lg bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700"
            >
              {t("clearFilters")}
            </Link>
          </div>
        )}

        <PaginationLinks
          page={query.page}
          pages={pages}
          label={t("pagination")}
          hrefFor={(page) => browseHref({ ...query, page })}
        />
      </section>
    </div>
  );
}
