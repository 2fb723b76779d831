import { ProductListQuery, type Seller } from "./schemas";

type SearchParams = Record<string, string | string[] | undefined>;

/**
 * The shop home's filters from its URL, leniently: a link with a bad value (an old bookmark,
 * `?page=abc`) shows the shop without that filter instead of an error page. The API is strict.
 */
export function browseQuery(params: SearchParams): ProductListQuery {
  const pick = (key: keyof ProductListQuery) => {
    const v = params[key];
    const s = Array.isArray(v) ? v[0] : v;
    return s === undefined || s.trim() === "" ? undefined : s;
  };
  const out: ProductListQuery = { page: 1 };
  for (const key of ["type", "category", "q", "page"] as const) {
    const raw = pick(key);
    if (raw === undefined) continue;
    const parsed = ProductListQuery.safeParse({ [key]: key === "q" ? raw.trim() : raw });
    if (parsed.success) Object.assign(out, { [key]: parsed.data[key] });
  }
  return out;
}

/** The home URL for these filters, leaving out defaults, so links stay short and shareable. */
export function browseHref(q: Partial<ProductListQuery>): string {
  const sp = new URLSearchParams();
  if (q.q) sp.set("q", q.q);
  if (q.type) sp.set("type", q.type);
  if (q.category) sp.set("category", q.category);
  if (q.page && q.page > 1) sp.set("page", String(q.page));
  const s = sp.toString();
  return s ? `/?${s}` : "/";
}

/** A marketplace seller's id → its name in this language, for the product cards (the retailer has none). */
export function marketplaceNames(sellers: Seller[], locale: string): Map<string, string> {
  return new Map(sellers.filter((s) => s.kind === "marketplace").map((s) => [s.id, locale === "en" ? s.nameEn : s.name]));
}
