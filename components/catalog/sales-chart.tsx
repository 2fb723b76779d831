"use client";

import { useTranslations } from "next-intl";
import { useFormat } from "@/lib/format";
import {
  Bar,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";

export type SalesDay = { day: string; dayText: string; units: number; revenue: number };

/** Revenue per day as bars (left axis, KRW) and units as a line (right axis). */
export function SalesChart({ days, label }: { days: SalesDay[]; label: string }) {
  const t = useTranslations("sellerCentre.sales");
  const format = useFormat();
  const short = (day: string) => `${Number(day.slice(5, 7))}/${Number(day.slice(8, 10))}`;
  return (
    <figure className="h-80 w-full" aria-label={label} role="img">
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={days} margin={{ top: 8, right: 8, bottom: 0, left: 8 }}>
          <CartesianGrid stroke="#e2e8f0" vertical={false} />
          <XAxis
            dataKey="day"
            tickFormatter={short}
            tick={{ fontSize: 11, fill: "#64748b" }}
            tickLine={false}
            axisLine={{ stroke: "#cbd5e1" }}
            minTickGap={16}
          />
          <YAxis
            yAxisId="revenue"
            tickFormatter={(v: number) => format.krwShort(v)}
            tick={{ fontSize: 11, fill: "#64748b" }}
            tickLine={false}
            axisLine={false}
            width={64}
          />
          <YAxis
            yAxisId="units"
            orientation="right"
            allowDecimals={false}
            tick={{ fontSize: 11, fill: "#64748b" }}
            tickLine={false}
            axisLine={false}
            width={36}
          />
          <Tooltip
            labelFormatter={(_, payload) => (payload?.[0]?.payload as SalesDay | undefined)?.dayText ?? ""}
            formatter={(value, name) => [
              name === "revenue" ? format.krw(Number(value)) : t("unitsValue", { count: Number(value) }),
              name === "revenue" ? t("revenue") : t("units"),
            ]}
            contentStyle={{ borderRadius: 12, borderColor: "#e2e8f0", fontSize: 13 }}
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
      </ResponsiveContainer>
    </figure>
  );
}
