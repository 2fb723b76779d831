import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { POST as placeOrder } from "@/app/api/orders/route";
import { POST as signup } from "@/app/api/signup/route";
import { POST as addToCart } from "@/app/api/cart/items/route";
import { POST as auth } from "@/app/api/auth/[...nextauth]/route";
import { setupTestDb } from "@/test/db";

setupTestDb();
const MiB = 1024 * 1024;
const params = { params: Promise.resolve({}) };

/** A body that is produced only as it is read: counts how much of it the server pulled. */
function streamingBody(totalBytes: number) {
  const chunk = new TextEncoder().encode("x".repeat(64 * 1024));
  let sent = 0;
  const stats = { pulled: 0 };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent === 0) {
        controller.enqueue(new TextEncoder().encode('{"email":"'));
        sent = 1;
        return;
      }
      if (stats.pulled >= totalBytes) return controller.close();
      stats.pulled += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
  return { stream, stats };
}

function request(url: string, body: ReadableStream<Uint8Array>, headers: Record<string, string> = {}) {
  return new NextRequest(`http://localhost:3000${url}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body,
    duplex: "half",
  } as ConstructorParameters<typeof NextRequest>[1]);
}

async function problem(res: Response) {
  expect(res.headers.get("content-type")).toBe("application/problem+json");
  return (await res.json()) as Record<string, unknown>;
}

describe("request bodies", () => {
  it("answers a 20 MB body that says its length with 413, reading none of it", async () => {
    const { stream, stats } = streamingBody(20 * MiB);
    const res = await signup(request("/api/signup", stream, { "content-length": String(20 * MiB) }), params);
    expect(res.status).toBe(413);
    expect(await problem(res)).toMatchObject({ status: 413, code: "request.too_large" });
    expect(stats.pulled).toBeLessThanOrEqual(64 * 1024);
  });

  it("answers a chunked body (no Content-Length) with 413 once past 1 MiB, without reading the rest", async () => {
    const { stream, stats } = streamingBody(20 * MiB);
    const started = Date.now();
    const res = await signup(request("/api/signup", stream), params);
    expect(res.status).toBe(413);
    expect(await problem(res)).toMatchObject({ status: 413 });
    expect(stats.pulled).toBeLessThanOrEqual(MiB + 3 * 64 * 1024);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("still takes a body just under 1 MiB (judged by the verb: 422, not 413)", async () => {
    const body = JSON.stringify({ email: "a@b.co", password: "0123456789", name: "x".repeat(MiB - 100) });
    const res = await signup(
      new NextRequest("http://localhost:3000/api/signup", { method: "POST", body, headers: { "content-type": "application/json" } }),
      params,
    );
    expect(res.status).toBe(422);
  });

  it.each([
    ["/api/orders", placeOrder],
    ["/api/cart/items", addToCart],
  ] as const)("%s without a session is 401 before the body is read", async (url, handler) => {
    const { stream, stats } = streamingBody(5 * MiB);
    const res = await handler(request(url, stream), params as never);
    expect(res.status).toBe(401);
    expect(await problem(res)).toMatchObject({ status: 401 });
    expect(stats.pulled).toBe(0);
  });

  describe("/api/auth/* (Auth.js reads bodies whole itself)", () => {
    const authParams = { params: Promise.resolve({ nextauth: ["callback", "credentials"] }) };
    const url = "/api/auth/callback/credentials";

    it("answers a body that says it is over 1 MiB with 413 problem+json, reading none of it", async () => {
      const { stream, stats } = streamingBody(20 * MiB);
      const res = await auth(request(url, stream, { "content-length": String(20 * MiB) }), authParams);
      expect(res.status).toBe(413);
      expect(await problem(res)).toMatchObject({ status: 413, code: "request.too_large" });
      expect(stats.pulled).toBeLessThanOrEqual(64 * 1024);
    });

    it.each(["application/json", "application/x-www-form-urlencoded"])(
      "answers a chunked %s body with 413 once past 1 MiB, the rest unread",
      async (type) => {
        const { stream, stats } = streamingBody(20 * MiB);
        const started = Date.now();
        const res = await auth(request(url, stream, { "content-type": type }), authParams);
        expect(res.status).toBe(413);
        expect(await problem(res)).toMatchObject({ status: 413 });
        expect(stats.pulled).toBeLessThanOrEqual(MiB + 3 * 64 * 1024);
        expect(Date.now() - started).toBeLessThan(2000);
      },
    );

    it("answers JSON that does not parse with 400 problem+json (Auth.js would throw: a 500)", async () => {
      const req = new NextRequest(`http://localhost:3000${url}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: '{"email":',
      });
      const res = await auth(req, authParams);
      expect(res.status).toBe(400);
      expect(await problem(res)).toMatchObject({ status: 400, code: "request.malformed_json" });
    });
  });
});
