/**
 * The PostgreSQL channel a catalog change is announced on: `catalogChanged` (lib/catalog/cache.ts)
 * sends `NOTIFY hub_catalog` in the change's transaction, and every instance's caches listen (the
 * catalog read cache, and the page cache of scripts/serve.ts, lib/http/page-cache.ts). No imports:
 * the web server loads it outside Next's bundle.
 */
export const CATALOG_CHANNEL = "hub_catalog";
