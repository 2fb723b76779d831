import Link from "next/link";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import type { ProductStatus } from "@/lib/catalog/lifecycle";

export type ProductListFilter = { status?: ProductStatus; q?: string; type?: "stock" | "reservation" };

/** The list's URL for a filter and page (the filters live in the URL: links, reloads and Back keep them). */
export function productListHref(
  base: string,
  f: Omit<ProductListFilter, "status"> & { status?: string; page?: number },
): string {
  const qs = new URLSearchParams();
  if (f.status) qs.set("status", f.status);
  if (f.q) qs.set("q", f.q);
  if (f.type) qs.set("type", f.type);
  if (f.page && f.page > 1) qs.set("page", String(f.page));
  return qs.size ? `${base}?${qs}` : base;
}

/**
 * Status tabs with their counts, and a search by name and type that works without JavaScript (a GET
 * form). `tabs` lists the statuses in the order to show, after "All"; `allKey` is the URL's word for
 * "All" where the list opens on one status by default.
 */
export function ProductListFilters({
  base,
  filter,
  counts,
  tabs,
  allKey,
}: {
  base: string;
  filter: ProductListFilter;
  counts: Record<ProductStatus, number>;
  tabs: readonly ProductStatus[];
  allKey?: string;
}) {
  const t = useTranslations("sellerCentre.list");
  const tl = useTranslations("catalog.labels");
  const all = Object.values(counts).reduce((s, n) => s + n, 0);
  const tab = (active: boolean) =>
    `inline-flex items-center gap-2 whitespace-nowrap border-b-2 px-3 py-2.5 text-sm font-semibold transition ${
      active
        ? "border-brand-600 text-brand-700"
        : "border-transparent text-slate-500 hover:border-slate-300 hover:text-ink"
    }`;
  const count = (n: number, active: boolean) => (
    <span
      className={`rounded-full px-2 py-0.5 text-xs tabular-nums ${active ? "bg-brand-50 text-brand-700" : "bg-slate-100 text-slate-600"}`}
    >
      {n}
    </span>
  );
  return (
    <div className="flex flex-col gap-3">
      <nav aria-label={t("tabs")} className="-mb-px flex gap-1 overflow-x-auto border-b border-slate-200">
        <Link
          href={productListHref(base, { ...filter, status: allKey })}
          className={tab(!filter.status)}
          aria-current={!filter.status ? "page" : undefined}
        >
          {t("all")} {count(all, !filter.status)}
        </Link>
        {tabs.map((s) => (
          <Link
            key={s}
            href={productListHref(base, { ...filter, status: s })}
            className={tab(filter.status === s)}
            aria-current={filter.status === s ? "page" : undefined}
          >
            {tl(`status.${s}`)} {count(counts[s], filter.status === s)}
          </Link>
        ))}
      </nav>
      <form method="get" action={base} role="search" className="flex flex-wrap items-end gap-3">
        {filter.status || allKey ? (
          <input type="hidden" name="status" value={filter.status ?? allKey} />
        ) : null}
        <label className="flex min-w-64 flex-1 flex-col gap-1.5 text-sm font-medium text-slate-700">
          {t("search")}
          <input
            type="search"
            name="q"
            defaultValue={filter.q ?? ""}
            maxLength={100}
            placeholder={t("searchPlaceholder")}
            className="rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm outline-none focus:border-brand-500 focus:ring-2 focus:ring-brand-100"
          />
        </label>
        <label className="flex flex-col gap-1.5 text-sm font-medium text-slate-700">
          {t("type")}
          <select
            name="type"
            defaultValue={filter.type ?? ""}
            className="rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm"
          >
            <option value="">{t("allTypes")}</option>
            <option value="stock">{tl("type.stock")}</option>
            <option value="reservation">{tl("type.reservation")}</option>
          </select>
        </label>
        <Button type="submit" variant="secondary">
          {t("apply")}
        </Button>
        {filter.q || filter.type ? (
          <Link
            href={productListHref(base, { status: filter.status ?? allKey })}
            className="px-2 py-2 text-sm font-medium text-slate-600 hover:text-ink hover:underline"
          >
            {t("clear")}
          </Link>
        ) : null}
      </form>
    </div>
  );
}
