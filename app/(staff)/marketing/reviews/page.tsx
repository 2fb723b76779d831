import { getLocale, getTranslations } from "next-intl/server";
import { formatFor } from "@/lib/format";
import { getDb } from "@/db/client";
import { ProductListFilters, productListHref } from "@/components/catalog/product-list-filters";
import { ProductListTable } from "@/components/catalog/product-list-table";
import { PageTitle } from "@/components/ui/card";
import { PaginationLinks } from "@/components/ui/pagination-links";
import { requirePageRole } from "@/lib/auth/guard";
import {
  listSellerProducts,
  productStatusCounts,
  SELLER_PAGE_SIZE,
} from "@/lib/catalog/seller-product-queries";
import { ALL_STATUSES, productListQuery } from "../../_products/list-query";
import { titleFrom } from "@/lib/http/page";

const TABS = ["in_review", "draft", "approved", "on_sale", "paused", "discontinued"] as const;

export const generateMetadata = titleFrom("productReview");

/** Marketing's review queue (products in review, the longest waiting first) and every seller's catalogue. */
export default async function ReviewQueuePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requirePageRole(["marketing"], "/marketing/reviews");
  const query = productListQuery(await searchParams, "in_review");
  const db = getDb();
  const [list, counts, t, tl, format] = await Promise.all([
    listSellerProducts(db, actor, query),
    productStatusCounts(db, actor),
    getTranslations("productReview"),
    getTranslations("sellerCentre.list"),
    getLocale().then(formatFor),
  ]);
  const filter = { status: query.status, q: query.q, type: query.type };
  const queue = query.status === "in_review";
  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <PageTitle title={t("title")} subtitle={t("subtitle")} />
        <span className="rounded-full bg-amber-50 px-3 py-1.5 text-sm font-semibold text-amber-900 ring-1 ring-amber-200">
          {t("waiting", { count: counts.in_review })}
        </span>
      </div>
      <section className="flex flex-col gap-4" aria-labelledby="queue-title">
        <h2 id="queue-title" className="text-lg font-bold text-ink">
          {queue ? t("queue") : t("allProducts")}{" "}
          <span className="text-sm font-medium text-slate-500">{tl("count", { count: list.total })}</span>
        </h2>
        <ProductListFilters
          base="/marketing/reviews"
          filter={filter}
          counts={counts}
          tabs={TABS}
          allKey={ALL_STATUSES}
        />
        <ProductListTable
          mode="marketing"
          dateHeader={queue ? tl("col.submitted") : undefined}
          caption={queue ? t("queue") : t("allProducts")}
          rows={list.items.map((r) => ({
            ...r,
            updatedAtText: format.dateTime(r.updatedAt, "dateTime"),
          }))}
          empty={queue && !filter.q && !filter.type ? t("emptyQueue") : tl("emptyFiltered")}
        />
        <PaginationLinks
          page={query.page}
          pages={Math.ceil(list.total / SELLER_PAGE_SIZE)}
          hrefFor={(page) =>
            productListHref("/marketing/reviews", { ...filter, status: filter.status ?? ALL_STATUSES, page })
          }
          label={tl("pages")}
        />
      </section>
    </div>
  );
}
