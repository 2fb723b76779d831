import { describe, expect, it } from "vitest";
import { authRedirect, safeCallbackPath } from "./safe-redirect";

describe("safeCallbackPath", () => {
  it.each([
    "/\\evil.example",
    "//evil.example",
    "/\\\\evil.example",
    "\\\\evil.example",
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    "https://evil.example/",
    "http://localhost:3000/orders",
    "evil.example",
    "/%0a/evil.example".replace("%0a", "\n"),
    "/\t/evil.example",
    "",
    undefined,
    null,
  ])("sends %j home", (raw) => {
    expect(safeCallbackPath(raw)).toBe("/");
  });

  it.each([
    ["/orders", "/orders"],
    ["/orders/123?tab=items#top", "/orders/123?tab=items#top"],
    ["/seller/products/new", "/seller/products/new"],
    ["/a/../b", "/b"],
  ])("follows the same-origin path %j", (raw, path) => {
    expect(safeCallbackPath(raw)).toBe(path);
  });
});

describe("Auth.js redirect callback", () => {
  const baseUrl = "http://localhost:3000";
  it("keeps same-origin URLs and paths, sends anything else to the home page", () => {
    expect(authRedirect({ url: "/orders", baseUrl })).toBe("http://localhost:3000/orders");
    expect(authRedirect({ url: "http://localhost:3000/cart", baseUrl })).toBe("http://localhost:3000/cart");
    expect(authRedirect({ url: "http://localhost:3000", baseUrl })).toBe("http://localhost:3000/");
    expect(authRedirect({ url: "https://evil.example/x", baseUrl })).toBe(baseUrl);
    expect(authRedirect({ url: "http://localhost:3000.evil.example/x", baseUrl })).toBe(baseUrl);
    expect(authRedirect({ url: "/\\evil.example", baseUrl })).toBe(baseUrl);
    expect(authRedirect({ url: "//evil.example", baseUrl })).toBe(baseUrl);
    expect(authRedirect({ url: "http://localhost:3000//evil.example", baseUrl })).toBe(baseUrl);
  });
});
