/**
 * A number column's `meta` and `cell` for the data table (components/ui/data-table.tsx): right-aligned
 * so digits line up, shown by `show` (format.number, format.krw, a signed delta…), with `className` for
 * emphasis. Spread it into an accessor's definition: `col.accessor("units", { header, ...numeric(n) })`.
 */
export const numeric = <V>(show: (value: V) => React.ReactNode, className?: string) => ({
  meta: className ? { align: "right" as const, className } : { align: "right" as const },
  cell: (c: { getValue: () => V }) => show(c.getValue()),
});
