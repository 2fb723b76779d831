import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { catalogChanged } from "@/lib/catalog/cache";
import { SECURITY_HEADERS } from "@/lib/http/security-headers";
import { setupTestDb } from "@/test/db";
import { CACHE_HEADER, createPageCache, pageCacheOptionsFromEnv, type PageCache } from "./page-cache";

/**
 * The anonymous-page microcache (docs/decisions/0011-anonymous-page-microcache.md) in front of a
 * stand-in for Next that counts its renders, with its listener on the real test database.
 */
const t = setupTestDb();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let renders = 0;
/** What Next would do, enough to tell renders apart: `?delay=`, `?status=`, `?setcookie`, `?writehead`. */
async function fakeNext(req: IncomingMessage, res: ServerResponse) {
  const n = ++renders;
  const q = new URL(req.url!, "http://shop").searchParams;
  const locale =
    /(?:^|; )locale=(\w+)/.exec(req.headers.cookie ?? "")?.[1] ??
    (/^en/.test(req.headers["accept-language"] ?? "") ? "en" : "ko");
  if (q.has("delay")) await sleep(Number(q.get("delay")));
  for (const h of SECURITY_HEADERS) res.setHeader(h.key, h.value);
  if (q.has("setcookie")) res.setHeader("set-cookie", "seen=1; Path=/");
  const status = Number(q.get("status") ?? 200);
  if (q.has("writehead"))
    res.writeHead(status, { "content-type": "text/html; charset=utf-8", "x-from": "writehead" });
  else {
    res.statusCode = status;
    res.setHeader("content-type", "text/html; charset=utf-8");
  }
  res.write(`<html lang="${locale}">`);
  res.end(`render ${n}</html>`);
}

type Answer = {
  status: number;
  state: string | undefined;
  body: string;
  headers: IncomingMessage["headers"];
};
let server: Server;
let base: { port: number };
function get(path: string, headers: Record<string, string> = {}, method = "GET"): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port: base.port, path, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () =>
        resolve({
          status: res.statusCode!,
          state: res.headers[CACHE_HEADER] as string | undefined,
          body: Buffer.concat(chunks).toString(),
          headers: res.headers,
        }),
      );
    });
    req.on("error", reject);
    req.end();
  });
}

let cache: PageCache;
function serve(c: PageCache) {
  cache = c;
  return new Promise<void>((resolve) => {
    server = createServer(c.handler(fakeNext)).listen(0, "127.0.0.1", () => {
      base = { port: (server.address() as AddressInfo).port };
      resolve();
    });
  });
}
async function close() {
  await new Promise((r) => server.close(r));
  await cache.stop();
}

describe("the anonymous-page cache", () => {
  beforeAll(async () => {
    await serve(createPageCache({ databaseUrl: t.url, ttlMs: 400, staleMs: 2000 }));
    expect(await cache.ready()).toBe(true);
  });
  afterAll(close);
  beforeEach(() => cache.drop());

  it("renders once, then answers from the cache with the same status, headers and body, HEAD too", async () => {
    const before = renders;
    const first = await get("/?q=phone");
    expect(first).toMatchObject({ status: 200, state: "miss" });
    const again = await get("/?q=phone");
    expect(again).toMatchObject({ status: 200, state: "hit", body: first.body });
    expect(renders - before).toBe(1);
    for (const h of SECURITY_HEADERS) expect(again.headers[h.key.toLowerCase()]).toBe(h.value);
    expect(again.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(Number(again.headers["content-length"])).toBe(Buffer.byteLength(first.body));
    const head = await get("/?q=phone", {}, "HEAD");
    expect(head).toMatchObject({ status: 200, state: "hit", body: "" });
    expect(head.headers["content-length"]).toBe(again.headers["content-length"]);
    expect(renders - before).toBe(1);
    // Another query is another page; headers handed to writeHead are kept as well.
    expect((await get("/?q=watch")).state).toBe("miss");
    await get("/products/p1?writehead");
    const viaWriteHead = await get("/products/p1?writehead");
    expect(viaWriteHead).toMatchObject({ state: "hit" });
    expect(viaWriteHead.headers["x-from"]).toBe("writehead");
  });

  it("holds the product, seller and pre-order pages, the API's catalog reads, and no other path or method", async () => {
    for (const path of [
      "/products/abc",
      "/sellers/abc",
      "/reservations/browse?productId=x",
      "/api/products",
      "/api/products?q=%EB%B3%B4%EC%A1%B0&page=2",
      "/api/products/abc",
      "/api/sellers",
    ]) {
      expect((await get(path)).state, path).toBe("miss");
      expect((await get(path)).state, path).toBe("hit");
    }
    for (const path of [
      "/cart",
      "/products",
      "/products/abc/edit",
      "/reservations",
      "/api/products/abc/images",
      "/api/sellers/abc",
      "/api/reservables",
      "/api/orders",
      "/api/cart",
      "/api/auth/session",
      "/orders/x",
    ]) {
      const before = renders;
      expect((await get(path)).state, path).toBeUndefined();
      expect((await get(path)).state, path).toBeUndefined();
      expect(renders - before, path).toBe(2);
    }
    await get("/");
    await get("/api/products");
    const before = renders;
    expect((await get("/", {}, "POST")).state).toBeUndefined();
    expect((await get("/api/products", {}, "POST")).state).toBeUndefined();
    expect(renders - before).toBe(2);
  });

  it("lets every request with a session cookie through to Next", async () => {
    await get("/products/abc");
    await get("/api/products?q=x");
    const before = renders;
    expect((await get("/api/products?q=x", { cookie: "next-auth.session-token=abc" })).state).toBe("bypass");
    expect(renders - before).toBe(1);
    for (const cookie of [
      "next-auth.session-token=abc",
      "locale=en; next-auth.session-token=abc",
      "__Secure-next-auth.session-token=abc",
      "next-auth.session-token.0=abc; next-auth.session-token.1=def",
    ]) {
      const before = renders;
      const a = await get("/products/abc", { cookie });
      expect(a.state, cookie).toBe("bypass");
      expect(renders - before, cookie).toBe(1);
    }
    // Other cookies (the CSRF token a sign-in page leaves) do not make a page personal.
    expect((await get("/products/abc", { cookie: "next-auth.csrf-token=x" })).state).toBe("hit");
  });

  it("lets the router's requests (RSC, prefetch, state tree, actions) through to Next", async () => {
    await get("/");
    const routerHeaders: Record<string, string>[] = [
      { rsc: "1" },
      { "next-router-prefetch": "1" },
      { "next-router-state-tree": "%5B%5D" },
      { "next-router-segment-prefetch": "/_tree" },
      { "next-action": "abc" },
      { range: "bytes=0-10" },
    ];
    for (const headers of routerHeaders) {
      const before = renders;
      expect((await get("/", headers)).state, JSON.stringify(headers)).toBe("bypass");
      expect(renders - before).toBe(1);
    }
    const before = renders;
    expect((await get("/?_rsc=1x2y")).state).toBe("bypass");
    expect((await get("/?q=a&_rsc=1x2y")).state).toBe("bypass");
    expect(renders - before).toBe(2);
  });

  it("keeps each language apart, resolved as the pages resolve it", async () => {
    const en = await get("/", { "accept-language": "en-US,en;q=0.9" });
    const ko = await get("/", { "accept-language": "ko-KR,ko;q=0.9,en;q=0.8" });
    expect([en.state, ko.state]).toEqual(["miss", "miss"]);
    expect(en.body).toContain('lang="en"');
    expect(ko.body).toContain('lang="ko"');
    // The cookie wins over the browser's languages; no language at all is Korean.
    expect(await get("/", { cookie: "locale=en", "accept-language": "ko" })).toMatchObject({
      state: "hit",
      body: en.body,
    });
    expect(await get("/", { cookie: "locale=ko", "accept-language": "en" })).toMatchObject({
      state: "hit",
      body: ko.body,
    });
    expect(await get("/")).toMatchObject({ state: "hit", body: ko.body });
    // A cookie that names no language falls back to the browser's, as the pages do.
    expect(await get("/", { cookie: "locale=fr", "accept-language": "en-GB" })).toMatchObject({
      state: "hit",
      body: en.body,
    });
    // The same page compressed for one client is not the one for another.
    expect((await get("/", { "accept-encoding": "gzip, deflate" })).state).toBe("miss");
  });

  it("keeps no answer that sets a cookie, and nothing but a 200", async () => {
    const before = renders;
    for (const path of ["/?setcookie", "/products/gone?status=404", "/sellers/x?status=500"]) {
      expect((await get(path)).state, path).toBe("miss");
      expect((await get(path)).state, path).toBe("miss");
    }
    expect(renders - before).toBe(6);
    expect(cache.size()).toBe(0);
  });

  it("has concurrent misses of one page wait for one render", async () => {
    const before = renders;
    const all = await Promise.all(Array.from({ length: 8 }, () => get("/sellers/s1?delay=150")));
    expect(renders - before).toBe(1);
    expect(all.map((a) => a.state).sort()).toEqual(["hit", "hit", "hit", "hit", "hit", "hit", "hit", "miss"]);
    expect(new Set(all.map((a) => a.body)).size).toBe(1);
  });

  it("renders an expired page again, the others meanwhile getting the expired copy", async () => {
    const first = await get("/products/p2?delay=100");
    await sleep(450); // past the 400 ms TTL
    const before = renders;
    const leader = get("/products/p2?delay=100");
    await sleep(30);
    const meanwhile = await get("/products/p2?delay=100");
    expect(meanwhile).toMatchObject({ state: "stale", body: first.body });
    const renewed = await leader;
    expect(renewed.state).toBe("miss");
    expect(renewed.body).not.toBe(first.body);
    expect(await get("/products/p2?delay=100")).toMatchObject({ state: "hit", body: renewed.body });
    expect(renders - before).toBe(1);
  });
});

describe("invalidation through PostgreSQL", () => {
  beforeAll(async () => {
    await serve(createPageCache({ databaseUrl: t.url, ttlMs: 60_000 }));
    expect(await cache.ready()).toBe(true);
  });
  afterAll(close);

  const until = async (check: () => boolean, ms = 5000) => {
    const end = Date.now() + ms;
    while (!check()) {
      if (Date.now() > end) return false;
      await sleep(20);
    }
    return true;
  };

  it("drops every page when a catalog change commits, on any instance, and not when it rolls back", async () => {
    await get("/");
    await get("/products/p3");
    expect((await get("/")).state).toBe("hit");
    expect(cache.size()).toBe(2);

    await expect(
      t.db.transaction(async (tx) => {
        await catalogChanged(tx, "p3");
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    await sleep(200);
    expect(cache.size()).toBe(2);

    // The verbs' own announcement, as another instance's change would arrive.
    await t.db.transaction((tx) => catalogChanged(tx, "p3"));
    expect(await until(() => cache.size() === 0)).toBe(true);
    expect((await get("/")).state).toBe("miss");
    expect((await get("/")).state).toBe("hit");
  });

  it("does not keep a render that was under way when the change arrived", async () => {
    const slow = get("/sellers/s9?delay=300");
    await sleep(50);
    await t.db.execute(sql`select pg_notify('hub_catalog', '*')`);
    await slow;
    expect((await get("/sellers/s9?delay=300")).state).toBe("miss");
  });

  it("drops everything when its listener reconnects (what was said while it was away is lost)", async () => {
    await get("/");
    expect((await get("/")).state).toBe("hit");
    const [row] = await t.db.execute<{ n: number }>(sql`
      select count(pg_terminate_backend(pid))::int as n from pg_stat_activity
      where datname = current_database() and query ilike 'listen%'`);
    expect(row!.n).toBe(1);
    expect(await until(() => cache.size() === 0)).toBe(true);
    // Listening again: it caches again.
    expect(await cache.ready()).toBe(true);
    await get("/");
    expect((await get("/")).state).toBe("hit");
  });
});

describe("without its listener", () => {
  afterAll(close);

  it("caches nothing until the listener is up", async () => {
    await serve(createPageCache({ databaseUrl: "postgres://hub@127.0.0.1:1/none", ttlMs: 60_000 }));
    expect(await cache.ready(500)).toBe(false);
    const before = renders;
    expect((await get("/")).state).toBe("bypass");
    expect((await get("/")).state).toBe("bypass");
    expect(renders - before).toBe(2);
  });

  it("is off with PAGE_CACHE_TTL_MS=0", () => {
    expect(pageCacheOptionsFromEnv({ PAGE_CACHE_TTL_MS: "0" }).ttlMs).toBe(0);
    expect(pageCacheOptionsFromEnv({}).ttlMs).toBe(2000);
    const off = createPageCache({ databaseUrl: t.url, ttlMs: 0 });
    expect(off.handler(fakeNext)).toBe(fakeNext);
  });
});
