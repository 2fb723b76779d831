import Link from "next/link";
import { useTranslations } from "next-intl";
import { browseHref } from "@/lib/catalog/browse";
import type { ProductListQuery } from "@/lib/catalog/schemas";
import { SearchIcon } from "./icons";

const CATEGORIES = ["phone", "tablet", "wearable", "router", "settop", "accessory", "service"] as const;

/** Search, the sale-type switch and the category chips: plain links and a GET form, no JavaScript needed. */
export function BrowseControls({ query }: { query: ProductListQuery }) {
  const t = useTranslations("catalog.shop");
  const tl = useTranslations("catalog.labels");
  const types = [
    { value: undefined, label: t("typeAll") },
    { value: "stock" as const, label: t("typeStock") },
    { value: "reservation" as const, label: t("typeReservation") },
  ];
  const chip = (active: boolean) =>
    `whitespace-nowrap rounded-full px-3.5 py-1.5 text-sm font-medium transition ${
      active
        ? "bg-ink text-white shadow-sm"
        : "bg-white text-slate-700 ring-1 ring-slate-200 hover:bg-slate-100"
    }`;
  return (
    <div className="flex flex-col gap-4 rounded-2xl border border-slate-200 bg-white p-4 shadow-sm sm:p-5">
      <form action="/" method="get" role="search" className="flex gap-2">
        {query.type ? <input type="hidden" name="type" value={query.type} /> : null}
        {query.category ? <input type="hidden" name="category" value={query.category} /> : null}
        <label className="relative flex-1">
          <span className="sr-only">{t("searchLabel")}</span>
          <span className="pointer-events-none absolute left-3 top-1/2 -translate-y-1/2 text-slate-400">
            <SearchIcon />
          </span>
          <input
            type="search"
            name="q"
            defaultValue={query.q ?? ""}
            maxLength={100}
            placeholder={t("searchPlaceholder")}
            className="w-full rounded-xl border border-slate-300 bg-slate-50 py-2.5 pl-10 pr-3 text-sm outline-none transition focus:border-brand-500 focus:bg-white focus:ring-2 focus:ring-brand-100"
          />
        </label>
        <button
          type="submit"
          className="rounded-xl bg-brand-600 px-5 text-sm font-semibold text-white hover:bg-brand-700"
        >
          {t("searchButton")}
        </button>
      </form>
      <div className="flex flex-col gap-3">
        <nav aria-label={t("typeFilter")} className="flex w-fit rounded-xl bg-slate-100 p-1">
          {types.map((ty) => {
            const active = query.type === ty.value;
            return (
              <Link
                key={ty.label}
                href={browseHref({ ...query, type: ty.value, page: 1 })}
                aria-current={active ? "page" : undefined}
                className={`whitespace-nowrap rounded-lg px-3.5 py-1.5 text-sm font-semibold transition ${active ? "bg-white text-ink shadow-sm" : "text-slate-600 hover:text-ink"}`}
              >
                {ty.label}
              </Link>
            );
          })}
        </nav>
        <nav aria-label={t("categoryFilter")} className="flex flex-wrap gap-2">
          <Link
            href={browseHref({ ...query, category: undefined, page: 1 })}
            aria-current={!query.category ? "page" : undefined}
            className={chip(!query.category)}
          >
            {t("categoryAll")}
          </Link>
          {CATEGORIES.map((c) => (
            <Link
              key={c}
              href={browseHref({ ...query, category: c, page: 1 })}
              aria-current={query.category === c ? "page" : undefined}
              className={chip(query.category === c)}
            >
              {tl(`category.${c}`)}
            </Link>
          ))}
        </nav>
      </div>
    </div>
  );
}
