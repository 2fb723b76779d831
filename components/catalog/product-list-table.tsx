"use client";

import { createColumnHelper } from "@tanstack/react-table";
import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { useFormat } from "@/lib/format";
import { numeric } from "@/components/ui/columns";
import { DataTable } from "@/components/ui/data-table";
import type { SellerProductListItem } from "@/lib/catalog/seller-product-queries";
import { ProductStatusBadge } from "./product-status-badge";

/** A row as the page hands it over: `updatedAtText` is formatted on the server, so both renders agree. */
export type ProductListRow = SellerProductListItem & { updatedAtText: string };
const col = createColumnHelper<ProductListRow>();

/**
 * One page of products (the server filters, sorts and pages them): the seller's own listings, or
 * marketing's review queue and catalogue, where each row opens the review.
 */
export function ProductListTable({
  rows,
  mode,
  empty,
  caption,
  dateHeader,
}: {
  rows: ProductListRow[];
  mode: "seller" | "marketing";
  empty: React.ReactNode;
  caption: string;
  /** The date column's heading (default "Updated"; the review queue's is when it was submitted). */
  dateHeader?: string;
}) {
  const t = useTranslations("sellerCentre.list");
  const tr = useTranslations("productReview");
  const tl = useTranslations("catalog.labels");
  const format = useFormat();
  const locale = useLocale();
  const krw = (x: number) => format.krw(x);
  const href = (id: string) => (mode === "seller" ? `/seller/products/${id}` : `/marketing/reviews/${id}`);
  const columns = [
    col.accessor((r) => (locale === "en" ? r.nameEn : r.nameKo), {
      id: "name",
      header: t("col.name"),
      cell: ({ getValue, row: { original: r } }) => (
        <div className="min-w-48">
          <Link href={href(r.id)} className="font-semibold text-ink hover:text-brand-700 hover:underline">
            {getValue()}
          </Link>
          <p className="text-xs text-slate-500">
            {[r.brand, tl(`category.${r.category}`), tl(`type.${r.type}`)].filter(Boolean).join(" · ")}
          </p>
        </div>
      ),
    }),
    ...(mode === "marketing"
      ? [
          col.accessor("sellerName", {
            header: t("col.seller"),
            cell: (c) => <span className="whitespace-nowrap">{c.getValue()}</span>,
          }),
        ]
      : []),
    col.accessor("status", {
      header: t("col.status"),
      cell: (c) => <ProductStatusBadge status={c.getValue()} />,
    }),
    col.accessor("variantCount", { header: t("col.variants"), meta: { align: "right" } }),
    col.accessor("priceMin", {
      header: t("col.price"),
      meta: { align: "right", className: "whitespace-nowrap" },
      cell: ({ row: { original: r } }) =>
        r.priceMin === null || r.priceMax === null ? (
          <span className="text-slate-400">—</span>
        ) : r.priceMin === r.priceMax ? (
          krw(r.priceMin)
        ) : (
          `${krw(r.priceMin)} – ${krw(r.priceMax)}`
        ),
    }),
    col.accessor("stock", {
      header: t("col.stock"),
      meta: { align: "right" },
      cell: (c) => (
        <span className={c.getValue() > 0 ? "font-semibold text-ink" : "text-slate-400"}>
          {format.number(c.getValue())}
        </span>
      ),
    }),
    col.accessor("unitsSold", { header: t("col.sold"), ...numeric(format.number) }),
    col.accessor("updatedAtText", {
      header: dateHeader ?? t("col.updated"),
      meta: { className: "whitespace-nowrap text-xs text-slate-500" },
    }),
    col.display({
      id: "open",
      header: () => <span className="sr-only">{t("col.open")}</span>,
      meta: { align: "right" },
      cell: ({ row: { original: r } }) => (
        <Link
          href={href(r.id)}
          className="whitespace-nowrap rounded-lg border border-slate-300 px-3 py-1.5 text-xs font-semibold text-slate-700 hover:bg-slate-50"
        >
          {mode === "seller" ? t("edit") : r.status === "in_review" ? tr("review") : tr("open")}
        </Link>
      ),
    }),
  ];
  return (
    <DataTable
      data={rows}
      columns={columns}
      caption={caption}
      empty={empty}
      getRowId={(r) => r.id}
      sortable={false}
      testId="seller-products-table"
    />
  );
}
