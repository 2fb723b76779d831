import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { PayloadTooLarge } from "@/lib/errors";
import { cappedRequest, MAX_JSON_BYTES } from "./route";

describe("cappedRequest", () => {
  it("gives back the same request, its body held and readable again", async () => {
    const body = "csrfToken=abc&email=a%40b.co&password=x";
    const req = new NextRequest("http://localhost:3000/api/auth/callback/credentials?x=1", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: "a=b" },
      body,
    });
    const out = await cappedRequest(req);
    expect(out.method).toBe("POST");
    expect(out.nextUrl.pathname).toBe("/api/auth/callback/credentials");
    expect(out.nextUrl.searchParams.get("x")).toBe("1");
    expect(out.headers.get("cookie")).toBe("a=b");
    expect(out.headers.get("content-length")).toBe(String(body.length));
    expect(await out.clone().text()).toBe(body);
    expect(await out.text()).toBe(body);
  });

  it("leaves a request without a body without one", async () => {
    const out = await cappedRequest(new NextRequest("http://localhost:3000/api/auth/session"));
    expect(out.body).toBeNull();
  });

  it("refuses a body of 1 MiB and one byte, and takes exactly 1 MiB", async () => {
    const make = (n: number) =>
      new NextRequest("http://localhost:3000/x", { method: "POST", body: "x".repeat(n) });
    await expect(cappedRequest(make(MAX_JSON_BYTES + 1))).rejects.toBeInstanceOf(PayloadTooLarge);
    expect((await (await cappedRequest(make(MAX_JSON_BYTES))).text()).length).toBe(MAX_JSON_BYTES);
  });
});
