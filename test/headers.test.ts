import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { POST as addToCart } from "@/app/api/cart/items/route";
import { GET as unknownGet, POST as unknownPost } from "@/app/api/[...path]/route";
import { SECURITY_HEADERS, withSecurityHeaders } from "@/lib/http/security-headers";
import { call } from "@/test/http";
import { setupTestDb } from "@/test/db";
import { actorFor, seedDemo } from "@/test/factories";

const t = setupTestDb();
const cartLines = async () => (await t.db.execute<{ n: number }>(sql`select count(*)::int as n from cart_items`))[0]!.n;
let variantId: string;
beforeAll(async () => {
  await seedDemo(t.db);
  variantId = (await t.db.execute<{ id: string }>(sql`select v.id from variants v join products p on p.id = v.product_id where p.status = 'on_sale' and p.type = 'stock' limit 1`))[0]!.id;
});

describe("cookie-authenticated writes check Origin", () => {
  it("refuses another site's Origin (or a cross-site fetch) with 403 problem+json, writing nothing", async () => {
    const customer = await actorFor(t.db, "customer@demo.test");
    const before = await cartLines();
    const attempts: Record<string, string>[] = [{ origin: "https://evil.example" }, { origin: "null" }, { "sec-fetch-site": "cross-site" }];
    for (const headers of attempts) {
      const res = await call(addToCart, { as: customer, body: { variantId, quantity: 1 }, headers });
      expect(res.status).toBe(403);
      expect(res.headers.get("content-type")).toBe("application/problem+json");
      expect(res.body).toMatchObject({ status: 403, code: "request.cross_origin" });
    }
    expect(await cartLines()).toBe(before);
  });

  it("takes the shop's own Origin, and API clients that send none", async () => {
    const customer = await actorFor(t.db, "customer@demo.test");
    const own = await call(addToCart, { as: customer, body: { variantId, quantity: 1 }, headers: { origin: "http://localhost:3000" } });
    expect(own.status).toBe(201);
    const apiClient = await call(addToCart, { as: customer, body: { variantId, quantity: 1 } });
    expect(apiClient.status).toBe(201);
  });
});

describe("an unknown /api/ path", () => {
  it("is 404 problem+json for any method, signed in or not", async () => {
    for (const [handler, method] of [[unknownGet, "GET"], [unknownPost, "POST"]] as const) {
      const res = await call(handler, { url: "/api/nope/123", method, params: { path: ["nope", "123"] }, rawBody: method === "GET" ? undefined : "{}" });
      expect(res.status).toBe(404);
      expect(res.headers.get("content-type")).toBe("application/problem+json");
      expect(res.body).toMatchObject({ status: 404, code: "request.unknown_path" });
    }
  });
});

describe("security headers", () => {
  it("sends a CSP that forbids framing and other origins' scripts, nosniff and a Referrer-Policy", () => {
    const h = Object.fromEntries(SECURITY_HEADERS.map((x) => [x.key, x.value]));
    expect(h["Content-Security-Policy"]).toContain("frame-ancestors 'none'");
    expect(h["Content-Security-Policy"]).toContain("default-src 'self'");
    expect(h["Content-Security-Policy"]).toContain("object-src 'none'");
    expect(h["X-Content-Type-Options"]).toBe("nosniff");
    expect(h["Referrer-Policy"]).toBe("strict-origin-when-cross-origin");
  });

  let server: Server;
  let base: string;
  beforeAll(async () => {
    // What the handler inside does with the response: a plain end, a 404 through writeHead, a header of its own.
    server = createServer(
      withSecurityHeaders((req, res) => {
        if (req.url === "/missing") return void res.writeHead(404, { "content-type": "text/plain" }).end("no");
        if (req.url === "/own") res.setHeader("X-Frame-Options", "SAMEORIGIN");
        res.end("ok");
      }),
    );
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it("are on every response of the server, whatever the handler inside writes (it may override one)", async () => {
    for (const path of ["/", "/missing", "/api/x?y=1"]) {
      const res = await fetch(`${base}${path}`);
      for (const { key, value } of SECURITY_HEADERS) expect(res.headers.get(key), `${path} ${key}`).toBe(value);
    }
    expect((await fetch(`${base}/missing`)).status).toBe(404);
    expect((await fetch(`${base}/own`)).headers.get("x-frame-options")).toBe("SAMEORIGIN");
  });

  it("sends HSTS only over https (a trusted proxy's X-Forwarded-Proto), never over plain http", async () => {
    expect((await fetch(base)).headers.get("strict-transport-security")).toBeNull();
    expect((await fetch(base, { headers: { "x-forwarded-proto": "https" } })).headers.get("strict-transport-security")).toBeNull();
    process.env.HUB_TRUSTED_PROXY_HOPS = "1";
    try {
      expect((await fetch(base, { headers: { "x-forwarded-proto": "https" } })).headers.get("strict-transport-security")).toMatch(/max-age=\d+/);
    } finally {
      delete process.env.HUB_TRUSTED_PROXY_HOPS;
    }
  });
});
