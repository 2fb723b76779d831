"use client";

import { createColumnHelper } from "@tanstack/react-table";
import { useLocale, useTranslations } from "next-intl";
import { useFormat } from "@/lib/format";
import { numeric } from "@/components/ui/columns";
import { DataTable } from "@/components/ui/data-table";
import type { SalesReport } from "@/lib/catalog/seller-product-queries";
import type { SalesDay } from "./sales-chart";

type ProductRow = SalesReport["products"][number];
const byProduct = createColumnHelper<ProductRow>();
const byDay = createColumnHelper<SalesDay>();

function Totals({ label, totals, cells }: { label: string; totals: SalesReport["totals"]; cells: number }) {
  const format = useFormat();
  return (
    <>
      <td className="px-4 py-3" colSpan={cells}>
        {label}
      </td>
      <td className="px-4 py-3 text-right tabular-nums">{format.number(totals.units)}</td>
      <td className="px-4 py-3 text-right tabular-nums">{format.krw(totals.revenue)}</td>
    </>
  );
}

/** Units and revenue per product over the period, best sellers first, with the totals. */
export function SalesByProduct({ rows, totals }: { rows: ProductRow[]; totals: SalesReport["totals"] }) {
  const t = useTranslations("sellerCentre.sales");
  const format = useFormat();
  const locale = useLocale();
  const columns = [
    byProduct.accessor((r) => (locale === "en" ? r.nameEn : r.nameKo), {
      id: "name",
      header: t("product"),
      cell: (c) => <span className="font-medium text-ink">{c.getValue()}</span>,
    }),
    byProduct.accessor("units", { header: t("units"), ...numeric(format.number) }),
    byProduct.accessor("revenue", { header: t("revenue"), ...numeric(format.krw, "font-semibold text-ink") }),
  ];
  return (
    <DataTable
      data={rows}
      columns={columns}
      caption={t("byProduct")}
      empty={t("empty")}
      getRowId={(r) => r.productId}
      initialSorting={[{ id: "revenue", desc: true }]}
      footer={<Totals label={t("total")} totals={totals} cells={1} />}
      testId="sales-by-product"
    />
  );
}

/** Units and revenue per Seoul day of the period (every day listed, quiet days as 0). */
export function SalesByDay({ days, totals }: { days: SalesDay[]; totals: SalesReport["totals"] }) {
  const t = useTranslations("sellerCentre.sales");
  const format = useFormat();
  const columns = [
    byDay.accessor("day", { header: t("day"), cell: (c) => c.row.original.dayText }),
    byDay.accessor("units", { header: t("units"), ...numeric(format.number) }),
    byDay.accessor("revenue", { header: t("revenue"), ...numeric(format.krw) }),
  ];
  return (
    <DataTable
      data={days}
      columns={columns}
      caption={t("byDay")}
      getRowId={(d) => d.day}
      initialSorting={[{ id: "day", desc: true }]}
      pageSize={10}
      footer={<Totals label={t("total")} totals={totals} cells={1} />}
      testId="sales-by-day"
    />
  );
}
