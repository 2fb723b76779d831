import { describe, expect, it } from "vitest";
import { call } from "@/test/http";
import { GET } from "./route";

describe("GET /api/openapi.json", () => {
  it("describes the API from the zod schemas", async () => {
    const res = await call(GET);
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe("3.1.0");
    const signup = res.body.paths["/api/signup"].post;
    expect(signup.requestBody.content["application/json"].schema.required).toEqual(
      expect.arrayContaining(["email", "password", "name"]),
    );
    expect(signup.requestBody.content["application/json"].schema.additionalProperties).toBe(false);
  });
});

describe("the orders part of /api/openapi.json", () => {
  it("describes every orders, fulfilment, cart and stock endpoint", async () => {
    const { body } = await call(GET);
    for (const [path, method] of [
      ["/api/orders", "post"],
      ["/api/orders", "get"],
      ["/api/orders/{id}", "get"],
      ["/api/orders/{id}/cancel", "post"],
      ["/api/locations/{id}/stock", "get"],
      ["/api/seller-orders", "get"],
      ["/api/seller-orders/{id}", "get"],
      ["/api/seller-orders/{id}/accept", "post"],
      ["/api/seller-orders/{id}/pack", "post"],
      ["/api/seller-orders/{id}/ship", "post"],
      ["/api/seller-orders/{id}/deliver", "post"],
      ["/api/seller-orders/{id}/cancel", "post"],
      ["/api/cart", "get"],
      ["/api/cart/items", "post"],
      ["/api/cart/items/{variantId}", "patch"],
      ["/api/cart/items/{variantId}", "delete"],
    ]) {
      expect(body.paths[path!]?.[method!], `${method} ${path}`).toBeDefined();
    }
    const place = body.paths["/api/orders"].post;
    expect(Object.keys(place.responses)).toEqual(expect.arrayContaining(["200", "201", "402", "409", "422"]));
    expect(place.parameters.map((p: { name: string }) => p.name)).toContain("idempotency-key");
  });
});
