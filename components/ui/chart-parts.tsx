"use client";

import type { ReactElement } from "react";
import { ResponsiveContainer } from "recharts";

/**
 * What every per-day chart of the shop shares (recharts): its frame, the day axis, the value axes'
 * look and the tooltip that names the day as the page wrote it (`dayText`, formatted on the server).
 */
export const shortDay = (day: string) => `${Number(day.slice(5, 7))}/${Number(day.slice(8, 10))}`;
const tick = { tick: { fontSize: 11, fill: "#64748b" }, tickLine: false } as const;
export const dayAxis = {
  dataKey: "day",
  tickFormatter: shortDay,
  ...tick,
  axisLine: { stroke: "#cbd5e1" },
  minTickGap: 16,
} as const;
export const valueAxis = { ...tick, axisLine: false } as const;
export const chartMargin = { top: 8, right: 8, bottom: 0, left: 0 };
export const tooltipStyle = { borderRadius: 12, borderColor: "#e2e8f0", fontSize: 13 };
export const dayOfPoint = (_: unknown, payload?: readonly { payload?: unknown }[]) =>
  (payload?.[0]?.payload as { dayText?: string } | undefined)?.dayText ?? "";

/** The chart's figure: labelled for screen readers, the chart filling it. */
export function ChartFigure({
  label,
  className = "h-72",
  testId,
  children,
}: {
  label: string;
  className?: string;
  testId?: string;
  children: ReactElement;
}) {
  return (
    <figure className={`${className} w-full`} aria-label={label} role="img" data-testid={testId}>
      <ResponsiveContainer width="100%" height="100%">
        {children}
      </ResponsiveContainer>
    </figure>
  );
}
