"use client";

import { useTranslations } from "next-intl";
import { useFormat } from "@/lib/format";
import { ChartFigure, dayAxis, dayOfPoint, tooltipStyle, valueAxis } from "@/components/ui/chart-parts";
import { Bar, CartesianGrid, ComposedChart, Legend, Line, Tooltip, XAxis, YAxis } from "recharts";

export type SalesDay = { day: string; dayText: string; units: number; revenue: number };

/** Revenue per day as bars (left axis, KRW) and units as a line (right axis). */
export function SalesChart({ days, label }: { days: SalesDay[]; label: string }) {
  const t = useTranslations("sellerCentre.sales");
  const format = useFormat();
  return (
    <ChartFigure label={label} className="h-80">
      <ComposedChart data={days} margin={{ top: 8, right: 8, bottom: 0, left: 8 }}>
        <CartesianGrid stroke="#e2e8f0" vertical={false} />
        <XAxis {...dayAxis} />
        <YAxis
          yAxisId="revenue"
          tickFormatter={(v: number) => format.krwShort(v)}
          {...valueAxis}
          width={64}
        />
        <YAxis yAxisId="units" orientation="right" allowDecimals={false} {...valueAxis} width={36} />
        <Tooltip
          labelFormatter={dayOfPoint}
          formatter={(value, name) => [
            name === "revenue" ? format.krw(Number(value)) : t("unitsValue", { count: Number(value) }),
            name === "revenue" ? t("revenue") : t("units"),
          ]}
          contentStyle={tooltipStyle}
        />
        <Legend
          formatter={(name) => (name === "revenue" ? t("revenue") : t("units"))}
          wrapperStyle={{ fontSize: 12 }}
        />
        <Bar yAxisId="revenue" dataKey="revenue" fill="#2f6fed" radius={[4, 4, 0, 0]} maxBarSize={28} />
        <Line
          yAxisId="units"
          dataKey="units"
          type="monotone"
          stroke="#10b981"
          strokeWidth={2}
          dot={{ r: 2 }}
        />
      </ComposedChart>
    </ChartFigure>
  );
}
