"use client";

import { createColumnHelper } from "@tanstack/react-table";
import { useLocale, useTranslations } from "next-intl";
import { useFormat } from "@/lib/format";
import { DataTable } from "@/components/ui/data-table";
import type { SellerProductDetail } from "@/lib/catalog/product-detail";

type Row = SellerProductDetail["variants"][number] & { retired: boolean };
const col = createColumnHelper<Row>();

/** The product's variants as marketing reviews them: combination, SKU, price and whether each is sold. */
export function ReviewVariantsTable({ rows }: { rows: Row[] }) {
  const t = useTranslations("productReview");
  const tv = useTranslations("sellerCentre.variants");
  const format = useFormat();
  const locale = useLocale();
  const columns = [
    col.accessor((v) => (locale === "en" ? v.labelEn : v.labelKo) || tv("single"), {
      id: "option",
      header: tv("option"),
      cell: (c) => <span className="font-medium text-ink">{c.getValue()}</span>,
    }),
    col.accessor("sku", { header: tv("sku"), meta: { className: "font-mono text-xs" } }),
    col.accessor("price", {
      header: tv("price"),
      meta: { align: "right" },
      cell: (c) =>
        c.getValue() === null ? (
          <span className="text-amber-700">{tv("noPrice")}</span>
        ) : (
          format.krw(c.getValue() as number)
        ),
    }),
    col.accessor("active", {
      header: tv("active"),
      cell: ({ row: { original: v } }) =>
        v.retired ? (
          <span className="rounded bg-slate-100 px-2 py-0.5 text-xs font-semibold text-slate-600">
            {t("retired")}
          </span>
        ) : v.active ? (
          <span className="text-xs font-semibold text-emerald-700">● {t("on")}</span>
        ) : (
          <span className="text-xs font-semibold text-slate-500">○ {t("inactive")}</span>
        ),
    }),
  ];
  return (
    <DataTable
      data={rows}
      columns={columns}
      caption={t("variants")}
      getRowId={(v) => v.id}
      testId="review-variants"
    />
  );
}
