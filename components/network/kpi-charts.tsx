"use client";

import { useTranslations } from "next-intl";
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from "recharts";
import type { Kpis } from "@/lib/network/kpis";
import { useFormat } from "@/lib/format";
import {
  ChartFigure,
  chartMargin,
  dayAxis,
  dayOfPoint,
  tooltipStyle,
  valueAxis,
} from "@/components/ui/chart-parts";

export type KpiDay = Kpis["daily"][number] & { dayText: string };

const SOURCE_COLOR = {
  logistics_center: "#0ea5e9",
  org_hub: "#6366f1",
  dealer_hub: "#f59e0b",
  seller_warehouse: "#94a3b8",
} as const;

/** Lead time per day of delivery: the median of hubs and centers as solid lines, their p90 dashed. */
export function LeadTimeChart({ days, label }: { days: KpiDay[]; label: string }) {
  const t = useTranslations("network.dashboard");
  const series = [
    { key: "hubP50Hours", name: t("hubP50"), color: "#6366f1", dash: undefined },
    { key: "hubP90Hours", name: t("hubP90"), color: "#a5b4fc", dash: "4 3" },
    { key: "centerP50Hours", name: t("centerP50"), color: "#0ea5e9", dash: undefined },
    { key: "centerP90Hours", name: t("centerP90"), color: "#7dd3fc", dash: "4 3" },
  ] as const;
  return (
    <ChartFigure label={label} testId="lead-time-chart">
      <LineChart data={days} margin={chartMargin}>
        <CartesianGrid stroke="#e2e8f0" vertical={false} />
        <XAxis {...dayAxis} />
        <YAxis {...valueAxis} width={44} tickFormatter={(v: number) => t("hours", { n: v })} />
        <Tooltip
          contentStyle={tooltipStyle}
          labelFormatter={dayOfPoint}
          formatter={(v, name) => [t("hours", { n: Number(v) }), name]}
        />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        {series.map((s) => (
          <Line
            key={s.key}
            dataKey={s.key}
            name={s.name}
            type="monotone"
            stroke={s.color}
            strokeWidth={2}
            strokeDasharray={s.dash}
            dot={{ r: 2 }}
            connectNulls
            isAnimationActive={false}
          />
        ))}
      </LineChart>
    </ChartFigure>
  );
}

/** Orders placed per day, stacked by the kind of place they ship from. */
export function OrdersBySourceChart({ days, label }: { days: KpiDay[]; label: string }) {
  const t = useTranslations("network.dashboard");
  const format = useFormat();
  const kinds = ["logistics_center", "org_hub", "dealer_hub", "seller_warehouse"] as const;
  return (
    <ChartFigure label={label} testId="orders-chart">
      <BarChart data={days} margin={chartMargin}>
        <CartesianGrid stroke="#e2e8f0" vertical={false} />
        <XAxis {...dayAxis} />
        <YAxis
          {...valueAxis}
          width={36}
          allowDecimals={false}
          tickFormatter={(v: number) => format.number(v)}
        />
        <Tooltip
          contentStyle={tooltipStyle}
          labelFormatter={dayOfPoint}
          formatter={(v, name) => [format.number(Number(v)), name]}
        />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        {kinds.map((k) => (
          <Bar
            key={k}
            dataKey={k}
            name={t(`kind.${k}`)}
            stackId="orders"
            fill={SOURCE_COLOR[k]}
            maxBarSize={28}
            isAnimationActive={false}
          />
        ))}
      </BarChart>
    </ChartFigure>
  );
}
