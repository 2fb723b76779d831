import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { formatFor } from "@/lib/format";
import { getDb } from "@/db/client";
import { ProductListFilters, productListHref } from "@/components/catalog/product-list-filters";
import { ProductListTable } from "@/components/catalog/product-list-table";
import { ListSection, PageTitle } from "@/components/ui/card";
import { PaginationLinks } from "@/components/ui/pagination-links";
import { StatCard } from "@/components/ui/stat-card";
import { requirePageRole } from "@/lib/auth/guard";
import { ProductStatus } from "@/lib/catalog/product-schemas";
import {
  listSellerProducts,
  productStatusCounts,
  SELLER_PAGE_SIZE,
} from "@/lib/catalog/seller-product-queries";
import { organisationOf } from "@/lib/identity/organisation";
import { ownLocationStock } from "@/lib/inventory/stock-summary";
import { productListQuery } from "../_products/list-query";
import { titleFrom } from "@/lib/http/page";

export const generateMetadata = titleFrom("sellerCentre.list");

/** The seller centre's home: headline figures, then every listing with status tabs, search and pages. */
export default async function SellerHome({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requirePageRole(["seller"], "/seller");
  const query = productListQuery(await searchParams);
  const db = getDb();
  const [list, counts, warehouses, org, t, td, format, locale] = await Promise.all([
    listSellerProducts(db, actor, query),
    productStatusCounts(db, actor),
    ownLocationStock(db, actor),
    organisationOf(db, actor.organisationId),
    getTranslations("sellerCentre.list"),
    getTranslations("catalog.dashboard"),
    getLocale().then(formatFor),
    getLocale(),
  ]);
  const orgName = (locale === "en" ? org?.nameEn : org?.name) ?? actor.name;
  const all = Object.values(counts).reduce((s, n) => s + n, 0);
  const pending = counts.draft + counts.in_review + counts.approved;
  const warehouseAvailable = warehouses.reduce((s, w) => s + w.available, 0);
  const filtered = Boolean(query.status || query.q || query.type);
  const filter = { status: query.status, q: query.q, type: query.type };
  const newButton = (
    <Link
      href="/seller/products/new"
      className="inline-flex items-center gap-2 rounded-lg bg-brand-600 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-brand-700"
    >
      <span aria-hidden="true">＋</span> {t("newProduct")}
    </Link>
  );
  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <PageTitle title={t("title")} subtitle={t("subtitle", { org: orgName })} />
        {newButton}
      </div>
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <StatCard label={td("products")} value={format.number(all)} />
        <StatCard label={td("onSaleCount")} value={format.number(counts.on_sale)} accent="bg-emerald-500" />
        <StatCard label={td("pendingCount")} value={format.number(pending)} accent="bg-amber-400" />
        <StatCard
          label={td("warehouseStock")}
          value={warehouses.length > 0 ? td("units", { count: warehouseAvailable }) : td("noWarehouse")}
          hint={
            warehouses.length > 0
              ? warehouses.map((w) => (locale === "en" ? w.nameEn : w.name)).join(", ")
              : td("noWarehouseText")
          }
          accent="bg-slate-400"
        />
      </div>
      <ListSection id="products-title" title={t("listTitle")} count={t("count", { count: list.total })}>
        <ProductListFilters base="/seller" filter={filter} counts={counts} tabs={ProductStatus.options} />
        <ProductListTable
          mode="seller"
          caption={t("listTitle")}
          rows={list.items.map((r) => ({
            ...r,
            updatedAtText: format.dateTime(r.updatedAt, "dateTime"),
          }))}
          empty={
            filtered ? (
              t("emptyFiltered")
            ) : (
              <div className="mx-auto flex max-w-md flex-col items-center gap-3 py-4">
                <p className="text-base font-bold text-ink">{t("emptyTitle")}</p>
                <p className="text-sm text-slate-500">{t("emptyText")}</p>
                {newButton}
              </div>
            )
          }
        />
        <PaginationLinks
          page={query.page}
          pages={Math.ceil(list.total / SELLER_PAGE_SIZE)}
          hrefFor={(page) => productListHref("/seller", { ...filter, page })}
          label={t("pages")}
        />
      </ListSection>
    </div>
  );
}
