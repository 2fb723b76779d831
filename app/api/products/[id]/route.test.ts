import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { products } from "@/db/schema";
import { setupTestDb } from "@/test/db";
import { actorFor, makeCustomer, seedDemo } from "@/test/factories";
import { call } from "@/test/http";
import { GET } from "./route";

const t = setupTestDb();
beforeAll(() => seedDemo(t.db));
const idOf = async (nameEn: string) =>
  (await t.db.select({ id: products.id }).from(products).where(eq(products.nameEn, nameEn)))[0]!.id;

describe("GET /api/products/{id}", () => {
  it("answers an on-sale product with its variants, options and seller", async () => {
    const id = await idOf("iPhone 16 Pro");
    const res = await call(GET, { params: { id } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id,
      name: "아이폰 16 Pro",
      nameEn: "iPhone 16 Pro",
      type: "stock",
      status: "on_sale",
      seller: { kind: "retailer" },
    });
    expect(res.body.variants).toHaveLength(4);
    expect(res.body.variants[0].options).toEqual({ color: "Natural Titanium", storage: "128GB" });
  });

  it("shows a draft to its seller's staff only", async () => {
    const id = await idOf("Bluetooth Voice Remote");
    expect((await call(GET, { params: { id }, as: await actorFor(t.db, "seller2@demo.test") })).status).toBe(
      200,
    );
    for (const as of [
      null,
      await makeCustomer(t.db),
      await actorFor(t.db, "seller@demo.test"),
      await actorFor(t.db, "marketing@demo.test"),
    ]) {
      const res = await call(GET, { params: { id }, as });
      expect(res.status).toBe(404);
      expect(res.headers.get("content-type")).toBe("application/problem+json");
    }
  });

  it.each(["not-a-uuid", "1", "6f1c2b7e-1d2a-4c3b-9e8f-0a1b2c3d4e5f", "'; drop table products; --"])(
    "answers id %j with a 404 problem",
    async (id) => {
      const res = await call(GET, { params: { id } });
      expect(res.status).toBe(404);
      expect(res.headers.get("content-type")).toBe("application/problem+json");
      expect(res.body.status).toBe(404);
    },
  );
});
