import { sql } from "drizzle-orm";
import { LRUCache } from "lru-cache";
import type postgres from "postgres";
import { createListener, type Tx } from "@/db/client";
import { CATALOG_CHANNEL } from "./channel";

/**
 * The catalog's read cache (docs/decisions/0010-catalog-read-cache.md): the shop's product lists,
 * product pages and sellers, kept in this process and dropped when the catalog changes.
 *
 * Entries carry tags; a change bumps its tags' versions, and an entry whose tags moved on is stale.
 * A write verb calls `catalogChanged(tx, …)`: it bumps here at once (this instance reads its own
 * write) and sends `NOTIFY hub_catalog` in the transaction, which PostgreSQL delivers to every
 * instance's listener when the transaction commits (and never, when it rolls back), so every
 * instance drops the entry — again here, for a read that raced the commit. Until an instance's
 * listener is connected it caches nothing, and each time it (re)connects it bumps everything, since
 * a notification sent while it was away is lost; every entry also lives at most
 * `CATALOG_CACHE_TTL_MS` (30 s). What a customer may order is never read from here: the placement
 * reads and locks the rows itself.
 */

export { CATALOG_CHANNEL };

/** Every entry has this tag: bumping it drops everything. */
const ALL = "*";
/** Product lists and summaries: any product's change may move it into or out of a list. */
export const PRODUCTS_TAG = "products";
export const SELLERS_TAG = "sellers";
export const productTag = (id: string) => `product:${id}`;

type Entry = { value: Promise<unknown>; tags: string[]; stamps: number[] };

const versions = new Map<string, number>();
const version = (tag: string) => versions.get(tag) ?? 0;

function ttl(): number {
  return Number(process.env.CATALOG_CACHE_TTL_MS ?? 30_000);
}

let entries: LRUCache<string, Entry> | undefined;
function store(): LRUCache<string, Entry> {
  entries ??= new LRUCache<string, Entry>({ max: 2000, ttl: ttl() });
  return entries;
}

/** Off under vitest unless a test turns it on (`CATALOG_CACHE=on`), so tests that seed rows directly read them; `CATALOG_CACHE=off` turns it off anywhere. */
function enabled(): boolean {
  const flag = process.env.CATALOG_CACHE;
  if (flag) return flag !== "off";
  return !process.env.VITEST;
}

/**
 * This process's listener: `listening` once its LISTEN is in place. postgres.js reconnects a dropped
 * listener by itself and LISTENs again (`onlisten`, which drops everything); what was cached while
 * it was away lives at most the TTL.
 */
type Listener = { sql: postgres.Sql; listening: boolean; ready: Promise<void> };
let listener: Listener | undefined;

let misconfigured = false;

function listen(): Listener {
  if (listener) return listener;
  let client: postgres.Sql;
  try {
    client = createListener(); // DATABASE_DIRECT_URL: a transaction pooler cannot deliver notifications
  } catch (e) {
    // Only a pooled DATABASE_URL without a direct one: no cache (it could not hear of changes).
    if (!misconfigured) console.warn(`[catalog] read cache off: ${e instanceof Error ? e.message : String(e)}`);
    misconfigured = true;
    return { sql: null as never, listening: false, ready: Promise.resolve() };
  }
  const l: Listener = { sql: client, listening: false, ready: Promise.resolve() };
  listener = l;
  l.ready = client
    .listen(
      CATALOG_CHANNEL,
      (payload) => dropLocally(payload.split(" ").filter(Boolean)),
      () => {
        // (Re)connected: whatever was said while it was away is lost, so nothing cached is trusted.
        dropLocally([ALL]);
        l.listening = true;
      },
    )
    .then(() => undefined)
    .catch(() => {
      // No listener: the cache stays bypassed, and the next read tries again.
      listener = undefined;
      void client.end({ timeout: 1 });
    });
  return l;
}

/**
 * `load()`'s value under `key`, from the cache while none of `tags` changed since it was loaded.
 * Concurrent misses share one load; a failed load is not kept. `ttlMs` shortens this entry's life
 * (for what also changes outside the catalog's verbs).
 */
export async function cachedRead<T>(
  key: string,
  tags: string[],
  load: () => Promise<T>,
  opts: { ttlMs?: number } = {},
): Promise<T> {
  if (!enabled()) return load();
  const l = listen();
  if (!l.listening) return load();
  const all = [ALL, ...tags];
  const cache = store();
  const hit = cache.get(key);
  if (hit && hit.tags.every((t, i) => version(t) === hit.stamps[i])) return hit.value as Promise<T>;
  const value = load();
  const entry: Entry = { value, tags: all, stamps: all.map(version) };
  cache.set(key, entry, opts.ttlMs ? { ttl: opts.ttlMs } : undefined);
  value.catch(() => {
    if (cache.get(key) === entry) cache.delete(key);
  });
  return value;
}

/** Marks these tags changed in this process: entries that carry one are reloaded on their next read. */
export function dropLocally(tags: string[]): void {
  for (const t of tags) versions.set(t, version(t) + 1);
}

/**
 * The catalog changed (a product, its options, variants, prices, images or lifecycle): every
 * instance drops what it cached of it once `tx` commits. Called by every write verb of lib/catalog.
 */
export async function catalogChanged(tx: Tx, productId: string): Promise<void> {
  const tags = [PRODUCTS_TAG, productTag(productId)];
  dropLocally(tags);
  await tx.execute(sql`select pg_notify(${CATALOG_CHANNEL}, ${tags.join(" ")})`);
}

/** Waits until this process listens (tests; a server never needs to). */
export async function catalogCacheReady(): Promise<boolean> {
  const l = listen();
  await l.ready;
  for (let i = 0; i < 100 && !l.listening; i++) await new Promise((r) => setTimeout(r, 20));
  return l.listening;
}

/** Closes the listener (tests). */
export async function stopCatalogCache(): Promise<void> {
  const l = listener;
  listener = undefined;
  entries?.clear();
  if (l) await l.sql.end({ timeout: 1 });
}
