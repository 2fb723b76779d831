import { beforeAll, describe, expect, it } from "vitest";
import { setupTestDb } from "@/test/db";
import { seedDemo } from "@/test/factories";
import { call } from "@/test/http";
import { GET } from "./route";

const t = setupTestDb();
beforeAll(() => seedDemo(t.db));

const get = (qs: string) => call(GET, { url: `/api/products${qs}` });

describe("GET /api/products", () => {
  it("answers a page of on-sale products in the the API contract shape", async () => {
    const res = await get("");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/json");
    expect(res.body).toMatchObject({ total: 18, totalCapped: false });
    const item = res.body.items[0];
    expect(item).toMatchObject({
      id: expect.any(String),
      name: expect.any(String),
      type: expect.any(String),
      status: "on_sale",
      sellerId: expect.any(String),
    });
    expect(item.variants[0]).toMatchObject({
      id: expect.any(String),
      sku: expect.any(String),
      options: expect.any(Object),
      price: expect.any(Number),
    });
  });

  it("filters by type and searches Korean and English names", async () => {
    const res = await get("?type=reservation&q=%EA%B0%A4%EB%9F%AD%EC%8B%9C"); // 갤럭시
    expect(res.body.items.map((p: { nameEn: string }) => p.nameEn)).toEqual(["Galaxy S26 Pre-order"]);
    expect((await get("?q=GALAXY&page=1")).body.total).toBe(7);
  });

  it("ignores unknown query parameters", async () => {
    expect((await get("?utm_source=mail&q=iphone")).body.total).toBe(3);
  });

  it.each([
    ["?type=bundle", "type"],
    ["?type=", "type"],
    ["?page=-1", "page"],
    ["?page=abc", "page"],
    ["?page=99999999", "page"],
    ["?page=2.5", "page"],
    [`?q=${"a".repeat(101)}`, "q"],
    ["?category=car", "category"],
  ])("answers %s with a 422 problem naming %s", async (qs, field) => {
    const res = await get(qs);
    expect(res.status).toBe(422);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(res.body).toMatchObject({ status: 422, title: expect.any(String), type: expect.any(String) });
    expect(Object.keys(res.body.errors)).toEqual([field]);
  });
});
