import { describe, expect, it } from "vitest";
import { openApiDocument } from "@/lib/openapi/document";

describe("the catalog and inventory part of /api/openapi.json", () => {
  const doc = openApiDocument() as unknown as { paths: Record<string, Record<string, any>> }; // eslint-disable-line @typescript-eslint/no-explicit-any

  it.each([
    "/api/sellers",
    "/api/locations",
    "/api/products",
    "/api/products/{id}",
    "/api/variants/{id}/availability",
  ])("describes GET %s", (path) => {
    expect(doc.paths[path]?.get?.responses?.["200"]).toBeDefined();
  });

  it("documents the product query parameters and the page size", () => {
    const get = doc.paths["/api/products"]!.get;
    const params = Object.fromEntries(
      get.parameters.map((p: { name: string; schema: unknown }) => [p.name, p.schema]),
    );
    expect(Object.keys(params).sort()).toEqual(["category", "page", "q", "seller", "type"]);
    expect(params.seller).toMatchObject({ type: "string", format: "uuid" });
    expect(params.type).toMatchObject({ enum: ["stock", "reservation"] });
    expect(params.page).toMatchObject({ minimum: 1, maximum: 10000 });
    expect(params.q).toMatchObject({ maxLength: 100 });
    expect(get.summary).toContain("20");
    expect(get.responses["422"]).toBeDefined();
    expect(doc.paths["/api/products/{id}"]!.get.responses["404"]).toBeDefined();
  });
});

describe("the product images part of /api/openapi.json", () => {
  const doc = openApiDocument() as unknown as { paths: Record<string, Record<string, any>> }; // eslint-disable-line @typescript-eslint/no-explicit-any

  it("describes every image endpoint with its statuses", () => {
    const upload = doc.paths["/api/seller-products/{id}/images"]!.post;
    expect(upload.requestBody.content["multipart/form-data"].schema.properties.file).toMatchObject({
      type: "string",
      format: "binary",
    });
    expect(Object.keys(upload.responses)).toEqual(
      expect.arrayContaining(["201", "401", "403", "404", "409", "413", "415", "422"]),
    );
    expect(doc.paths["/api/seller-products/{id}/images"]!.get.responses["200"]).toBeDefined();
    expect(doc.paths["/api/seller-products/{id}/images/{imageId}"]!.delete.responses["204"]).toBeDefined();
    const order = doc.paths["/api/seller-products/{id}/images/order"]!.put;
    expect(order.requestBody.content["application/json"].schema).toMatchObject({
      required: ["ids"],
      additionalProperties: false,
    });
    const serve = doc.paths["/api/images/{id}"]!.get;
    expect(Object.keys(serve.responses)).toEqual(expect.arrayContaining(["200", "304", "404"]));
    expect(serve.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(["id", "w"]),
    );
  });
});
