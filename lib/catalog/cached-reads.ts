import type { Db } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import { NotFound } from "@/lib/errors";
import { cachedRead, PRODUCTS_TAG, productTag, SELLERS_TAG } from "./cache";
import { listReservables, type ReservableView } from "@/lib/reservations/queries";
import { getProduct, getSeller, listProducts, listSellers } from "./queries";
import type { ProductDetail, ProductPage, Seller } from "./schemas";

/**
 * The shop's catalog reads through the read cache (lib/catalog/cache.ts): what the storefront, the
 * product and seller pages and `GET /api/products|sellers` show. The same answers as the queries
 * they wrap, at most a moment old; nothing here decides what may be ordered.
 */

/** The raw query's one key, whatever the order of its fields. */
function keyOf(raw: unknown): string {
  if (raw === null || typeof raw !== "object") return JSON.stringify(raw ?? null);
  return JSON.stringify(
    Object.entries(raw as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  );
}

/** listProducts, cached per query until any product changes. */
export function shopProducts(db: Db, raw: unknown): Promise<ProductPage> {
  return cachedRead(`products:${keyOf(raw)}`, [PRODUCTS_TAG], () => listProducts(db, raw));
}

/**
 * getProduct: an on-sale product from the cache until it changes; anything else (a draft its
 * seller's staff preview, or no such product) from the database, as getProduct decides.
 */
export async function shopProduct(db: Db, actor: Actor | null, id: string): Promise<ProductDetail> {
  try {
    return await cachedRead(`product:${id}`, [productTag(id)], () => getProduct(db, null, id));
  } catch (e) {
    if (e instanceof NotFound && actor) return getProduct(db, actor, id);
    throw e;
  }
}

export function shopSellers(db: Db): Promise<Seller[]> {
  return cachedRead("sellers", [SELLERS_TAG], () => listSellers(db));
}

export function shopSeller(db: Db, id: string): Promise<Seller> {
  return cachedRead(`seller:${id}`, [SELLERS_TAG], () => getSeller(db, id));
}

/**
 * listReservables (what may be reserved, with its description and the places left), cached for a
 * second: capacity moves with every decision outside the catalog's verbs, so an entry lives no longer
 * than "a moment old"; a product's change drops it at once. The request itself is decided under the
 * reservable's lock, never from this.
 */
export function shopReservables(db: Db, raw: unknown): Promise<ReservableView[]> {
  return cachedRead(`reservables:${keyOf(raw)}`, [PRODUCTS_TAG], () => listReservables(db, raw), {
    ttlMs: RESERVABLES_TTL_MS,
  });
}
const RESERVABLES_TTL_MS = 1000;
