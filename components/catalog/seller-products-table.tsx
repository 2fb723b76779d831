"use client";

import { createColumnHelper } from "@tanstack/react-table";
import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { useFormat } from "@/lib/format";
import { DataTable } from "@/components/ui/data-table";
import type { SellerProductRow } from "@/lib/catalog/seller-products";

const col = createColumnHelper<SellerProductRow>();

const STATUS_BADGE: Record<SellerProductRow["status"], string> = {
  draft: "bg-slate-100 text-slate-700 ring-slate-200",
  in_review: "bg-amber-50 text-amber-900 ring-amber-200",
  approved: "bg-sky-50 text-sky-800 ring-sky-200",
  on_sale: "bg-emerald-50 text-emerald-800 ring-emerald-200",
  paused: "bg-orange-50 text-orange-800 ring-orange-200",
  discontinued: "bg-red-50 text-red-700 ring-red-200",
};
const STATUS_ORDER = Object.keys(STATUS_BADGE);

/** A seller's listings: status, models, price range and units available to order. */
export function SellerProductsTable({ rows, caption }: { rows: SellerProductRow[]; caption: string }) {
  const t = useTranslations("catalog.dashboard");
  const tl = useTranslations("catalog.labels");
  const format = useFormat();
  const locale = useLocale();
  const krw = (x: number) => format.krw(x);
  const columns = [
    col.accessor((r) => (locale === "en" ? r.nameEn : r.nameKo), {
      id: "name",
      header: t("productName"),
      cell: (c) => (
        <div>
          <Link href={`/products/${c.row.original.id}`} className="font-semibold text-ink hover:text-brand-700 hover:underline">
            {c.getValue()}
          </Link>
          <p className="text-xs text-slate-400">{c.row.original.brand}</p>
        </div>
      ),
    }),
    col.accessor("category", { header: t("category"), cell: (c) => tl(`category.${c.getValue()}`) }),
    col.accessor("type", { header: t("type"), cell: (c) => tl(`type.${c.getValue()}`) }),
    col.accessor("status", {
      header: t("status"),
      sortingFn: (a, b) => STATUS_ORDER.indexOf(a.original.status) - STATUS_ORDER.indexOf(b.original.status),
      cell: (c) => (
        <span className={`whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-semibold ring-1 ${STATUS_BADGE[c.getValue()]}`}>
          {tl(`status.${c.getValue()}`)}
        </span>
      ),
    }),
    col.accessor("variantCount", { header: t("variants"), meta: { align: "right" } }),
    col.accessor("priceMin", {
      header: t("price"),
      meta: { align: "right" },
      cell: (c) => {
        const { priceMin, priceMax } = c.row.original;
        if (priceMin === null || priceMax === null) return "—";
        return priceMin === priceMax ? krw(priceMin) : `${krw(priceMin)} – ${krw(priceMax)}`;
      },
    }),
    col.accessor("available", { header: t("available"), meta: { align: "right", className: "font-bold text-ink" }, cell: (c) => format.number(c.getValue()) }),
  ];
  return <DataTable data={rows} columns={columns} caption={caption} empty={t("noProducts")} getRowId={(r) => r.id} pageSize={10} testId="seller-products-table" />;
}
