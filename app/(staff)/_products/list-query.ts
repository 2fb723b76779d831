import { SellerProductsQuery } from "@/lib/catalog/product-schemas";

type Search = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) || undefined;

/** The URL's word for "every status" where a list opens on one status by default (marketing's queue). */
export const ALL_STATUSES = "all";

/**
 * The product list's filters from the URL. A hand-edited URL with a bad value shows the list's first
 * page rather than an error page.
 */
export function productListQuery(sp: Search, defaultStatus?: "in_review") {
  const status = one(sp.status);
  const raw = {
    status: status === undefined ? defaultStatus : status === ALL_STATUSES ? undefined : status,
    q: one(sp.q),
    type: one(sp.type),
    page: one(sp.page),
  };
  const parsed = SellerProductsQuery.safeParse(raw);
  return parsed.success ? parsed.data : SellerProductsQuery.parse({ status: defaultStatus });
}
