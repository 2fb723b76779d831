import Link from "next/link";
import { useTranslations } from "next-intl";

/**
 * Page links for a list whose page lives in the URL (works without JavaScript). `hrefFor` builds the
 * URL of a page; shows the first, the last and the pages around the current one.
 */
export function PaginationLinks({
  page,
  pages,
  hrefFor,
  label,
}: {
  page: number;
  pages: number;
  hrefFor: (page: number) => string;
  label: string;
}) {
  const t = useTranslations("common");
  if (pages <= 1) return null;
  const shown = [...new Set([1, page - 1, page, page + 1, pages])]
    .filter((p) => p >= 1 && p <= pages)
    .sort((a, b) => a - b);
  const item = "grid h-9 min-w-9 place-items-center rounded-lg px-3 text-sm font-medium";
  return (
    <nav aria-label={label} className="flex items-center justify-center gap-1">
      {page > 1 ? (
        <Link href={hrefFor(page - 1)} className={`${item} text-slate-700 hover:bg-slate-100`} rel="prev">
          ‹ {t("previous")}
        </Link>
      ) : null}
      {shown.map((p, i) => (
        <span key={p} className="flex items-center gap-1">
          {i > 0 && p - shown[i - 1]! > 1 ? <span className="px-1 text-slate-400">…</span> : null}
          {p === page ? (
            <span aria-current="page" className={`${item} bg-ink text-white`}>
              {p}
            </span>
          ) : (
            <Link href={hrefFor(p)} className={`${item} text-slate-700 hover:bg-slate-100`}>
              {p}
            </Link>
          )}
        </span>
      ))}
      {page < pages ? (
        <Link href={hrefFor(page + 1)} className={`${item} text-slate-700 hover:bg-slate-100`} rel="next">
          {t("next")} ›
        </Link>
      ) : null}
    </nav>
  );
}
