import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http";
import { LRUCache } from "lru-cache";
import { getBotType } from "next/dist/shared/lib/router/utils/is-bot";
import type postgres from "postgres";
import { createListener } from "@/db/client";
import { CATALOG_CHANNEL } from "@/lib/catalog/channel";
import { LOCALE_COOKIE, localeFor } from "@/lib/i18n/config";

/**
 * The anonymous-page microcache of the production web server (scripts/serve.ts; decision:
 * docs/decisions/0011-anonymous-page-microcache.md): the whole answer of a public catalog page, for
 * visitors without a session, kept a few seconds in this process, as nginx or Varnish microcaching
 * would keep it in front of the app.
 *
 * - What: GET and HEAD of `/` (any query), `/products/<id>`, `/sellers/<id>` and
 *   `/reservations/browse`, and of the API's `/api/products` (any query), `/api/products/<id>` and
 *   `/api/sellers`, when the request carries no next-auth session cookie and is a document request
 *   (not the router's RSC fetch, prefetch or a server action). Everything else goes to Next untouched.
 * - Key: the path and query as sent (GET and HEAD share it), with what the page's bytes depend on
 *   besides: the locale as the pages resolve it (lib/i18n/config.ts `localeFor`), the accepted
 *   encodings (Next compresses), Next's bot class of the user agent (bots get metadata in the head),
 *   and the host.
 * - Kept: a 200 without Set-Cookie, its status, headers (the security headers of lib/http/security-headers.ts
 *   among them) and body as sent, for `ttlMs` (PAGE_CACHE_TTL_MS, 2 s; 0 turns the cache off).
 *   Concurrent misses of one key wait for one render; while an expired entry is re-rendered (at most
 *   `staleMs` past its TTL) the others get the expired copy.
 * - Dropped: everything, on every `NOTIFY hub_catalog` (any catalog change on any instance,
 *   lib/catalog/cache.ts) and whenever its listener (its own connection) (re)connects; until the
 *   listener is up, nothing is cached.
 *
 * The answer says `x-hub-cache: hit | stale | miss | bypass`. Nothing here decides what may be
 * ordered: placement and reservations re-check under their locks.
 */

export type Handler = (req: IncomingMessage, res: ServerResponse) => unknown;
export type CacheState = "hit" | "stale" | "miss" | "bypass";
export const CACHE_HEADER = "x-hub-cache";

/**
 * The public catalog: the storefront, a product, a seller's storefront, the pre-orders, and the JSON
 * API's catalog reads (`GET /api/products`, `/api/products/<id>`, `/api/sellers`), which answer every
 * client without a session the same (lib/catalog/cached-reads.ts) — what a CDN in front of a shop's
 * public API keeps for a few seconds.
 */
const PAGES = [
  /^\/$/,
  /^\/products\/[^/]+$/,
  /^\/sellers\/[^/]+$/,
  /^\/reservations\/browse$/,
  /^\/api\/products(\/[^/]+)?$/,
  /^\/api\/sellers$/,
];

/** A next-auth session cookie, plain, `__Secure-` or a chunk of a long one: any trace of it bypasses. */
const SESSION_COOKIE = /next-auth\.session-token/;

/** Headers of the request that make it the router's (RSC, prefetch, state tree, action) or partial. */
const notDocument = (name: string) => name === "rsc" || name.startsWith("next-") || name === "range";

/** Headers of a stored answer that belong to its connection or its request, not to the page. */
const NOT_STORED = new Set([
  "connection",
  "keep-alive",
  "transfer-encoding",
  "content-length",
  "date",
  "strict-transport-security", // scripts/serve.ts sets it per request (https only)
  CACHE_HEADER,
]);

/**
 * The request's cookies as Next reads them (its `@edge-runtime/cookies`: pairs split on `; *`, the
 * last of a name wins, values URI-decoded), so that the key's locale is the one the page renders in.
 */
function cookiesOf(header: string | undefined): Map<string, string> {
  const jar = new Map<string, string>();
  for (const pair of (header ?? "").split(/; */)) {
    if (!pair) continue;
    const at = pair.indexOf("=");
    if (at === -1) jar.set(pair, "true");
    else
      try {
        jar.set(pair.slice(0, at), decodeURIComponent(pair.slice(at + 1)));
      } catch {
        /* Next drops a value it cannot decode too */
      }
  }
  return jar;
}

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v.join(", ") : (v ?? ""));

/**
 * What the cache does with this request: `undefined` for a path it does not hold (no header is
 * added), `{ bypass }` for one of its pages that must go to Next (a session, the router's request),
 * or the key it is kept under.
 */
export function classify(req: IncomingMessage): { key: string } | { bypass: string } | undefined {
  if (req.method !== "GET" && req.method !== "HEAD") return undefined;
  const url = req.url ?? "";
  const q = url.indexOf("?");
  const path = q === -1 ? url : url.slice(0, q);
  if (!PAGES.some((p) => p.test(path))) return undefined;
  if (q !== -1 && new URLSearchParams(url.slice(q + 1)).has("_rsc")) return { bypass: "rsc" };
  if (Object.keys(req.headers).some(notDocument)) return { bypass: "rsc" };
  const cookie = one(req.headers.cookie);
  if (SESSION_COOKIE.test(cookie)) return { bypass: "session" };
  const locale = localeFor(cookiesOf(cookie).get(LOCALE_COOKIE), one(req.headers["accept-language"]));
  const encoding = one(req.headers["accept-encoding"]).replace(/\s+/g, "").toLowerCase();
  const bot = getBotType(one(req.headers["user-agent"])) ?? "";
  return { key: [locale, encoding, bot, one(req.headers.host), url].join("\n") };
}

type Entry = {
  status: number;
  headers: [string, number | string | string[]][];
  body: Buffer;
  /** performance.now() until which it is fresh; after it, served only while it is re-rendered. */
  freshUntil: number;
};

export type PageCacheOptions = {
  /** The database whose `hub_catalog` notifications drop the cache. */
  databaseUrl: string;
  /** How long an answer is served (ms); 0 turns the cache off. */
  ttlMs?: number;
  /** How long past its TTL an answer may still be served while one request renders it again (ms). */
  staleMs?: number;
  maxEntries?: number;
  maxBytes?: number;
  /** An answer larger than this is not kept. */
  maxEntryBytes?: number;
};

type Env = Record<string, string | undefined>;

function envMs(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  const n = raw === undefined || raw === "" ? NaN : Number(raw);
  return Number.isFinite(n) && n >= 0 ? n : fallback;
}

/** PAGE_CACHE_TTL_MS (2000; 0 turns it off) and PAGE_CACHE_STALE_MS (2000). */
export function pageCacheOptionsFromEnv(env: Env = process.env): Omit<PageCacheOptions, "databaseUrl"> {
  return { ttlMs: envMs(env, "PAGE_CACHE_TTL_MS", 2000), staleMs: envMs(env, "PAGE_CACHE_STALE_MS", 2000) };
}

export type PageCache = {
  /** Wraps the server's request listener. */
  handler(next: Handler): Handler;
  /** Resolves true once the listener is up (false after `timeoutMs`). */
  ready(timeoutMs?: number): Promise<boolean>;
  /** Drops everything (what a notification does). */
  drop(): void;
  size(): number;
  stop(): Promise<void>;
};

export function createPageCache(opts: PageCacheOptions): PageCache {
  const ttl = opts.ttlMs ?? 2000;
  const stale = opts.staleMs ?? 2000;
  const maxEntryBytes = opts.maxEntryBytes ?? 2 * 1024 * 1024;
  const entries = new LRUCache<string, Entry>({
    max: opts.maxEntries ?? 1000,
    maxSize: opts.maxBytes ?? 64 * 1024 * 1024,
    maxEntrySize: maxEntryBytes,
    sizeCalculation: (e, key) => e.body.length + key.length + 512,
    ttl: Math.max(1, ttl + stale),
  });
  /** The render under way per key, which its followers wait for. */
  const pending = new Map<string, Promise<Entry | undefined>>();
  /** Moves on every drop: a render that began before it is not kept. */
  let generation = 0;
  let listening = false;
  let client: postgres.Sql | undefined;
  let retryAt = 0;
  let stopped = false;
  const waiting: (() => void)[] = [];

  function drop() {
    generation++;
    entries.clear();
    pending.clear();
  }

  /**
   * Its own LISTEN connection. postgres.js LISTENs again after a dropped connection and calls
   * `onlisten` then, which drops everything: what was said while it was away is lost. Should the
   * listen fail, nothing is cached and a later request tries again.
   */
  function connect() {
    if (client || stopped || performance.now() < retryAt) return;
    const sql = createListener(opts.databaseUrl);
    client = sql;
    sql
      .listen(CATALOG_CHANNEL, drop, () => {
        drop();
        listening = true;
        for (const w of waiting.splice(0)) w();
      })
      .catch(() => {
        listening = false;
        client = undefined;
        retryAt = performance.now() + 5000;
        void sql.end({ timeout: 1 });
      });
  }

  function replay(req: IncomingMessage, res: ServerResponse, e: Entry, state: CacheState) {
    if (res.headersSent || res.destroyed) return;
    res.statusCode = e.status;
    for (const [k, v] of e.headers) res.setHeader(k, v);
    res.setHeader("content-length", e.body.length);
    res.setHeader(CACHE_HEADER, state);
    res.end(req.method === "HEAD" ? undefined : e.body);
  }

  /** Renders through Next as the leader of `key`: its client gets the answer as it streams, and a copy is kept. */
  function render(key: string, req: IncomingMessage, res: ServerResponse, next: Handler) {
    const began = generation;
    const done = record(res, maxEntryBytes);
    pending.set(key, done);
    void done.then((e) => {
      if (pending.get(key) === done) pending.delete(key);
      if (e && began === generation && listening) {
        e.freshUntil = performance.now() + ttl;
        entries.set(key, e);
      }
    });
    res.setHeader(CACHE_HEADER, "miss");
    return next(req, res);
  }

  function handler(next: Handler): Handler {
    if (ttl <= 0) return next;
    return (req, res) => {
      const what = classify(req);
      if (!what) return next(req, res);
      if (!listening) connect();
      if ("bypass" in what || !listening) {
        res.setHeader(CACHE_HEADER, "bypass");
        return next(req, res);
      }
      const { key } = what;
      const hit = entries.get(key);
      if (hit && performance.now() < hit.freshUntil) return replay(req, res, hit, "hit");
      const inflight = pending.get(key);
      if (inflight) {
        if (hit) return replay(req, res, hit, "stale");
        return inflight.then((e) => {
          if (e) return replay(req, res, e, "hit");
          res.setHeader(CACHE_HEADER, "miss");
          return next(req, res);
        });
      }
      // A HEAD has no body to keep: it goes to Next, and the next GET renders.
      if (req.method === "HEAD") {
        res.setHeader(CACHE_HEADER, "miss");
        return next(req, res);
      }
      return render(key, req, res, next);
    };
  }

  return {
    handler,
    drop,
    size: () => entries.size,
    async ready(timeoutMs = 10_000) {
      if (listening) return true;
      connect();
      return new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(listening), timeoutMs);
        waiting.push(() => {
          clearTimeout(timer);
          resolve(true);
        });
      });
    },
    async stop() {
      stopped = true;
      listening = false;
      drop();
      const sql = client;
      client = undefined;
      if (sql) await sql.end({ timeout: 1 });
    },
  };
}

/**
 * Copies what Next sends on `res` (status, headers, the body as written, compressed or not) and
 * resolves it once the answer is complete, or `undefined` when it must not be kept: not a 200, a
 * Set-Cookie, too large, headers handed over in a form it cannot read, or a connection that closed
 * before the end.
 */
function record(res: ServerResponse, limit: number): Promise<Entry | undefined> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let keep = true;
    const collect = (chunk: unknown, encoding: unknown) => {
      if (!keep || chunk === undefined || chunk === null || typeof chunk === "function") return;
      const b =
        typeof chunk === "string"
          ? Buffer.from(chunk, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8")
          : chunk instanceof Uint8Array
            ? Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)
            : undefined;
      if (!b) return void (keep = false);
      size += b.length;
      if (size > limit) keep = false;
      else chunks.push(b);
    };
    const { write, end, writeHead } = res;
    // Headers given to writeHead go through setHeader, so that getHeaders() has them all at the end.
    res.writeHead = function (this: ServerResponse, status: number, ...rest: unknown[]) {
      const [a, b] = rest;
      const headers = (typeof a === "string" ? b : a) as OutgoingHttpHeaders | unknown[] | undefined;
      if (Array.isArray(headers)) keep = false;
      else if (headers && !this.headersSent) {
        for (const [k, v] of Object.entries(headers)) if (v !== undefined) this.setHeader(k, v);
        rest = typeof a === "string" ? [a] : [];
      }
      return (writeHead as (...x: unknown[]) => ServerResponse).call(this, status, ...rest);
    } as typeof res.writeHead;
    res.write = function (this: ServerResponse, ...args: unknown[]) {
      collect(args[0], args[1]);
      return (write as (...x: unknown[]) => boolean).apply(this, args);
    } as typeof res.write;
    res.end = function (this: ServerResponse, ...args: unknown[]) {
      collect(args[0], args[1]);
      return (end as (...x: unknown[]) => ServerResponse).apply(this, args);
    } as typeof res.end;
    res.once("finish", () => {
      const headers = res.getHeaders();
      if (!keep || res.statusCode !== 200 || headers["set-cookie"] !== undefined) return resolve(undefined);
      resolve({
        status: res.statusCode,
        headers: Object.entries(headers).filter(
          (h): h is [string, number | string | string[]] => h[1] !== undefined && !NOT_STORED.has(h[0]),
        ),
        body: Buffer.concat(chunks),
        freshUntil: 0,
      });
    });
    res.once("close", () => resolve(undefined));
  });
}
