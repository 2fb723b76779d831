import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { methodGate, methodNotAllowed } from "@/lib/http/methods";
import { SECURITY_HEADERS, withSecurityHeaders } from "@/lib/http/security-headers";
import { apiRoutes, apiRoutesSource, HTTP_METHODS } from "@/scripts/api-routes";

const ID = "00000000-0000-4000-8000-000000000000";
const routes = apiRoutes();
/** A concrete path the route answers: an id for each dynamic segment, two segments for a catch-all. */
const urlOf = (pattern: string) =>
  pattern.replace(/\[\[?\.\.\.[^\]]+\]\]?/g, "session/x").replace(/\[[^\]]+\]/g, ID);

const ask = (method: string, path: string) => methodNotAllowed(method, path) ?? undefined;

describe("the map of routes and methods (lib/http/api-routes.ts)", () => {
  it("is what scripts/api-routes.ts generates from app/api (run npm run gen:api-routes)", () => {
    expect(readFileSync("lib/http/api-routes.ts", "utf8")).toBe(apiRoutesSource());
  });

  it.each(routes)("$file exports exactly the methods the map lists", async ({ file, methods }) => {
    const mod = (await import(`@/${file.replace(/\.ts$/, "")}`)) as Record<string, unknown>;
    const exported = HTTP_METHODS.filter((m) => typeof mod[m] === "function");
    expect(exported).toEqual(methods);
  });
});

describe("a method a known /api/ path does not take", () => {
  it.each(routes)("$pattern: 405 problem+json with Allow for what it lacks, through for what it has", async ({ pattern, methods }) => {
    const allow = [...new Set([...methods, "OPTIONS", ...(methods.includes("GET") ? ["HEAD"] : [])])].sort().join(", ");
    const url = urlOf(pattern);
    for (const method of HTTP_METHODS) {
      const res = ask(method, url);
      if (methods.includes(method)) {
        expect(res, `${method} ${url}`).toBeUndefined();
        continue;
      }
      expect(res?.status, `${method} ${url}`).toBe(405);
      expect(res!.headers.get("content-type")).toBe("application/problem+json");
      expect(res!.headers.get("allow")).toBe(allow);
      expect(await res!.json()).toMatchObject({ status: 405, code: "request.method_not_allowed", title: "Method Not Allowed" });
    }
    expect(ask("OPTIONS", url)).toBeUndefined(); // Next answers OPTIONS (204 with Allow) itself
    if (methods.includes("GET")) expect(ask("HEAD", url)).toBeUndefined();
  });

  it("picks the route Next would: a static segment before a dynamic one", () => {
    // /api/seller-products/[id]/images (GET, POST) rather than /api/seller-products/[id]/[step] (POST)
    expect(ask("POST", `/api/seller-products/${ID}/images`)).toBeUndefined();
    expect(ask("DELETE", `/api/seller-products/${ID}/images`)?.headers.get("allow")).toBe("GET, HEAD, OPTIONS, POST");
    expect(ask("GET", `/api/seller-products/${ID}/submit`)?.headers.get("allow")).toBe("OPTIONS, POST");
    expect(ask("PUT", "/api/auth/callback/credentials")?.headers.get("allow")).toBe("GET, HEAD, OPTIONS, POST");
    expect(ask("DELETE", "/api/orders/")?.headers.get("allow")).toBe("GET, HEAD, OPTIONS, POST");
  });

  it("leaves unknown paths to the catch-all's 404 problem+json", () => {
    for (const path of ["/api/nope", `/api/orders/${ID}/refund`, "/api/cart/items/x/y", "/api"])
      for (const method of HTTP_METHODS) expect(ask(method, path), `${method} ${path}`).toBeUndefined();
  });
});

describe("the production server's gate (methodGate, in front of Next in scripts/serve.ts)", () => {
  async function serve<T>(fn: (base: string) => Promise<T>): Promise<T> {
    // As scripts/serve.ts composes them: the security headers around the gate.
    const server = createServer(
      withSecurityHeaders(methodGate((_req, res) => res.writeHead(200, { "x-next": "yes" }).end("next"))),
    );
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      return await fn(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  }

  it("answers 405 problem+json with Allow and the security headers, without Next", () =>
    serve(async (base) => {
      const res = await fetch(`${base}/api/orders?page=2`, { method: "DELETE" });
      expect(res.status).toBe(405);
      expect(res.headers.get("x-next")).toBeNull();
      expect(res.headers.get("allow")).toBe("GET, HEAD, OPTIONS, POST");
      expect(res.headers.get("content-type")).toBe("application/problem+json");
      for (const { key, value } of SECURITY_HEADERS) expect(res.headers.get(key)).toBe(value);
      expect(await res.json()).toMatchObject({ status: 405, code: "request.method_not_allowed" });
    }));

  it("passes everything else to Next: methods the route takes, unknown API paths, pages", () =>
    serve(async (base) => {
      for (const [method, path] of [
        ["POST", "/api/orders"],
        ["GET", `/api/orders/${ID}?x=1`],
        ["OPTIONS", "/api/orders"],
        ["DELETE", "/api/nope"],
        ["DELETE", "/products/x"],
        ["POST", "/"],
      ] as const) {
        const res = await fetch(`${base}${path}`, { method });
        expect(res.headers.get("x-next"), `${method} ${path}`).toBe("yes");
      }
    }));
});
