"use client";

import { createColumnHelper } from "@tanstack/react-table";
import { useLocale, useTranslations } from "next-intl";
import { numeric } from "@/components/ui/columns";
import { DataTable } from "@/components/ui/data-table";
import { useFormat } from "@/lib/format";
import type { Kpis } from "@/lib/network/kpis";
import type { KpiDay } from "./kpi-charts";

type LeadRow = { kind: "hub" | "center"; orders: number; p50Hours: number | null; p90Hours: number | null };
const lead = createColumnHelper<LeadRow>();

/** Lead time over the whole range by source kind: orders delivered, median and p90 in hours. */
export function LeadTimeTable({ leadTime }: { leadTime: Kpis["leadTime"] }) {
  const t = useTranslations("network.dashboard");
  const format = useFormat();
  const h = (x: number | null) =>
    x === null ? <span className="text-slate-400">{t("none")}</span> : t("hours", { n: x });
  const rows: LeadRow[] = [
    { kind: "hub", ...leadTime.hub },
    { kind: "center", ...leadTime.center },
  ];
  const columns = [
    lead.accessor("kind", {
      header: t("col.source"),
      cell: (c) => <span className="font-medium text-ink">{t(`kind.${c.getValue()}`)}</span>,
    }),
    lead.accessor("orders", { header: t("col.orders"), ...numeric(format.number) }),
    lead.accessor("p50Hours", { header: t("col.p50"), ...numeric(h, "font-bold text-ink") }),
    lead.accessor("p90Hours", { header: t("col.p90"), ...numeric(h) }),
  ];
  return (
    <DataTable
      data={rows}
      columns={columns}
      caption={t("leadTable")}
      sortable={false}
      getRowId={(r) => r.kind}
      testId="lead-time-table"
    />
  );
}

const KINDS = ["logistics_center", "org_hub", "dealer_hub", "seller_warehouse"] as const;
const day = createColumnHelper<KpiDay>();

/** Orders placed per day by source kind, newest day first, with the range's totals. */
export function OrdersPerDayTable({ days }: { days: KpiDay[] }) {
  const t = useTranslations("network.dashboard");
  const format = useFormat();
  const total = (d: KpiDay) => KINDS.reduce((s, k) => s + d[k], 0);
  const columns = [
    day.accessor("day", {
      header: t("col.day"),
      cell: (c) => <span className="whitespace-nowrap">{c.row.original.dayText}</span>,
    }),
    ...KINDS.map((k) =>
      day.accessor(k, {
        header: t(`kind.${k}`),
        meta: { align: "right" },
        cell: (c) =>
          c.getValue() === 0 ? <span className="text-slate-300">0</span> : format.number(c.getValue()),
      }),
    ),
    day.accessor(total, {
      id: "total",
      header: t("col.total"),
      ...numeric(format.number, "font-bold text-ink"),
    }),
  ];
  const sum = (k: (typeof KINDS)[number]) => days.reduce((s, d) => s + d[k], 0);
  return (
    <DataTable
      data={[...days].reverse()}
      columns={columns}
      caption={t("ordersTable")}
      pageSize={10}
      initialSorting={[]}
      getRowId={(r) => r.day}
      testId="orders-table"
      footer={
        <>
          <td className="px-4 py-3">{t("col.total")}</td>
          {KINDS.map((k) => (
            <td key={k} className="px-4 py-3 text-right tabular-nums">
              {format.number(sum(k))}
            </td>
          ))}
          <td className="px-4 py-3 text-right tabular-nums">
            {format.number(KINDS.reduce((s, k) => s + sum(k), 0))}
          </td>
        </>
      }
    />
  );
}

type Out = Kpis["stockOutList"][number];
const out = createColumnHelper<Out>();

/** Hub × model pairs with nothing available now. */
export function StockOutTable({ rows }: { rows: Out[] }) {
  const t = useTranslations("network.dashboard");
  const locale = useLocale();
  const columns = [
    out.accessor((r) => (locale === "en" ? r.locationNameEn : r.locationName), {
      id: "hub",
      header: t("col.hub"),
      cell: (c) => <span className="font-medium text-ink">{c.getValue()}</span>,
    }),
    out.accessor((r) => (locale === "en" ? r.productNameEn : r.productName), {
      id: "model",
      header: t("col.model"),
      cell: (c) => (
        <div>
          <p>{c.getValue()}</p>
          <p className="font-mono text-xs text-slate-400">{c.row.original.sku}</p>
        </div>
      ),
    }),
  ];
  return (
    <DataTable
      data={rows}
      columns={columns}
      caption={t("stockOutsTitle")}
      empty={t("stockOutsEmpty")}
      pageSize={10}
      getRowId={(r) => `${r.locationId}:${r.variantId}`}
      testId="stock-outs"
    />
  );
}
