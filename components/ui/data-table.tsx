"use client";

import {
  flexRender,
  getCoreRowModel,
  getFilteredRowModel,
  getPaginationRowModel,
  getSortedRowModel,
  useReactTable,
  type ColumnDef,
  type RowData,
  type SortingState,
} from "@tanstack/react-table";
import { useTranslations } from "next-intl";
import { useState } from "react";

declare module "@tanstack/react-table" {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface ColumnMeta<TData extends RowData, TValue> {
    /** Right-align numbers, so digits line up. */
    align?: "left" | "right" | "center";
    /** Extra classes for this column's cells. */
    className?: string;
  }
}

/**
 * The one data table of the app (TanStack Table v8): sortable headers (click, or Enter on the
 * focused button), optional client-side pagination, an empty state, and an optional footer row.
 * Columns are plain TanStack `ColumnDef`s, so each screen defines its own in a small client
 * component; `meta.align: "right"` for numbers. Set `enableSorting: false` on a column to fix it.
 */
export function DataTable<T>({
  data,
  columns,
  caption,
  empty,
  pageSize,
  initialSorting = [],
  getRowId,
  footer,
  testId,
  sortable = true,
  serverSorting,
  rowAttributes,
  rowClassName,
  globalFilter,
}: {
  data: T[];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  columns: ColumnDef<T, any>[];
  /** Read by screen readers; pass a visible heading's text. */
  caption?: string;
  /** Shown when there are no rows (default: the common "Nothing to show."). */
  empty?: React.ReactNode;
  /** Rows per page; no pagination controls when unset or when everything fits. */
  pageSize?: number;
  initialSorting?: SortingState;
  getRowId?: (row: T, index: number) => string;
  /** A summary row under the body (totals), already laid out as <td>s. */
  footer?: React.ReactNode;
  testId?: string;
  /** False for a page of rows the server sorted and paged: sorting one page alone would mislead. */
  sortable?: boolean;
  /**
   * The server sorts (a page of many): the headers show and ask for its order rather than sorting
   * the rows at hand. Only the columns with `enableSorting` left on offer it.
   */
  serverSorting?: { state: SortingState; onChange: (next: SortingState) => void };
  /** Attributes of a body row (test ids, data-*), from its data. */
  rowAttributes?: (row: T) => Record<string, string>;
  /** Extra classes of a body row, from its data (e.g. a cancelled row greyed out). */
  rowClassName?: (row: T) => string;
  /** Text that rows must contain in one of their column values (a search box over the rows at hand). */
  globalFilter?: string;
}) {
  const t = useTranslations("common");
  const [sorting, setSorting] = useState<SortingState>(initialSorting);
  const [pagination, setPagination] = useState({
    pageIndex: 0,
    pageSize: pageSize ?? Number.MAX_SAFE_INTEGER,
  });
  // TanStack Table v8 is the house table library; its table object is rebuilt each render and
  // nothing here memoizes values derived from it, so the compiler's warning does not apply.
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({
    data,
    columns,
    state: { sorting: serverSorting?.state ?? sorting, pagination, globalFilter },
    onSortingChange: serverSorting
      ? (updater) =>
          serverSorting.onChange(typeof updater === "function" ? updater(serverSorting.state) : updater)
      : setSorting,
    manualSorting: Boolean(serverSorting),
    enableSortingRemoval: !serverSorting,
    enableSorting: sortable || Boolean(serverSorting),
    onPaginationChange: setPagination,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    getFilteredRowModel: getFilteredRowModel(),
    getPaginationRowModel: getPaginationRowModel(),
    getRowId,
  });
  const align = (a?: "left" | "right" | "center") =>
    a === "right" ? "text-right" : a === "center" ? "text-center" : "text-left";
  const pages = table.getPageCount();

  return (
    <div
      className="overflow-hidden rounded-2xl border border-slate-200 bg-white shadow-sm"
      data-testid={testId}
    >
      <div className="overflow-x-auto">
        <table className="w-full border-collapse text-sm">
          {caption ? <caption className="sr-only">{caption}</caption> : null}
          <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
            {table.getHeaderGroups().map((hg) => (
              <tr key={hg.id}>
                {hg.headers.map((header) => {
                  const meta = header.column.columnDef.meta;
                  const sorted = header.column.getIsSorted();
                  const content = header.isPlaceholder
                    ? null
                    : flexRender(header.column.columnDef.header, header.getContext());
                  return (
                    <th
                      key={header.id}
                      scope="col"
                      aria-sort={
                        sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : undefined
                      }
                      className={`whitespace-nowrap border-b border-slate-200 px-4 py-3 font-semibold ${align(meta?.align)}`}
                    >
                      {header.column.getCanSort() ? (
                        <button
                          type="button"
                          onClick={header.column.getToggleSortingHandler()}
                          className={`inline-flex items-center gap-1 uppercase tracking-wide hover:text-ink ${meta?.align === "right" ? "flex-row-reverse" : ""}`}
                        >
                          {content}
                          <SortMark dir={sorted} />
                        </button>
                      ) : (
                        content
                      )}
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody>
            {table.getRowModel().rows.length === 0 ? (
              <tr>
                <td
                  colSpan={table.getVisibleLeafColumns().length}
                  className="px-4 py-12 text-center text-sm text-slate-500"
                >
                  {empty ?? t("empty")}
                </td>
              </tr>
            ) : (
              table.getRowModel().rows.map((row) => (
                <tr
                  key={row.id}
                  {...rowAttributes?.(row.original)}
                  className={`border-b border-slate-100 align-top last:border-b-0 hover:bg-slate-50/70 ${rowClassName?.(row.original) ?? ""}`}
                >
                  {row.getVisibleCells().map((cell) => {
                    const meta = cell.column.columnDef.meta;
                    return (
                      <td
                        key={cell.id}
                        className={`px-4 py-3 ${align(meta?.align)} ${meta?.align === "right" ? "tabular-nums" : ""} ${meta?.className ?? ""}`}
                      >
                        {flexRender(cell.column.columnDef.cell, cell.getContext())}
                      </td>
                    );
                  })}
                </tr>
              ))
            )}
          </tbody>
          {footer && table.getRowModel().rows.length > 0 ? (
            <tfoot className="border-t-2 border-slate-200 bg-slate-50 font-semibold text-ink">
              <tr>{footer}</tr>
            </tfoot>
          ) : null}
        </table>
      </div>
      {pageSize && pages > 1 ? (
        <div className="flex items-center justify-between gap-3 border-t border-slate-200 px-4 py-3 text-sm">
          <PageButton onClick={() => table.previousPage()} disabled={!table.getCanPreviousPage()}>
            {t("previous")}
          </PageButton>
          <span className="text-slate-600">
            {t("page", { page: table.getState().pagination.pageIndex + 1, pages })}
          </span>
          <PageButton onClick={() => table.nextPage()} disabled={!table.getCanNextPage()}>
            {t("next")}
          </PageButton>
        </div>
      ) : null}
    </div>
  );
}

function PageButton({
  onClick,
  disabled,
  children,
}: {
  onClick: () => void;
  disabled: boolean;
  children: React.ReactNode;
}) {
  return (
    <button
      type="button"
      onClick={onClick}
      disabled={disabled}
      className="rounded-lg border border-slate-300 px-3 py-1.5 font-medium text-slate-700 hover:bg-slate-50 disabled:cursor-not-allowed disabled:text-slate-300"
    >
      {children}
    </button>
  );
}

function SortMark({ dir }: { dir: false | "asc" | "desc" }) {
  return (
    <span aria-hidden="true" className={`text-[10px] ${dir ? "text-ink" : "text-slate-300"}`}>
      {dir === "asc" ? "▲" : dir === "desc" ? "▼" : "↕"}
    </span>
  );
}
