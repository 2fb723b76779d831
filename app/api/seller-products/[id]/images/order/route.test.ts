import { describe, expect, it } from "vitest";
import type { UserActor } from "@/lib/auth/actor";
import { setupTestDb } from "@/test/db";
import { makeCustomer } from "@/test/factories";
import { call } from "@/test/http";
import { makeStaff, productWithImages } from "@/test/image-fixtures";
import { GET } from "../route";
import { PUT } from "./route";

const t = setupTestDb();
const productWith = (n: number) => productWithImages(t.db, n);
const list = async (productId: string, as: UserActor) =>
  ((await call(GET, { params: { id: productId }, as })).body as { id: string }[]).map((i) => i.id);

describe("PUT /api/seller-products/{id}/images/order", () => {
  const put = (id: string, as: UserActor | null, body?: unknown, rawBody?: string) =>
    call(PUT, {
      method: "PUT",
      params: { id },
      as,
      body,
      rawBody,
      headers: rawBody ? { "content-type": "application/json" } : {},
    });

  it("answers 200 the images in their new order", async () => {
    const { seller, product, ids } = await productWith(3);
    const res = await put(product.id, seller, { ids: [ids[1], ids[2], ids[0]] });
    expect(res.status).toBe(200);
    expect(res.body.map((i: { id: string; position: number }) => [i.id, i.position])).toEqual([
      [ids[1], 0],
      [ids[2], 1],
      [ids[0], 2],
    ]);
    expect(await list(product.id, seller)).toEqual([ids[1], ids[2], ids[0]]);
  });

  it("refuses bad input with a clear 4xx and changes nothing", async () => {
    const { seller, product, ids } = await productWith(2);
    expect((await put(product.id, seller, undefined, "{not json")).status).toBe(400);
    expect((await put(product.id, seller, {})).body).toMatchObject({
      status: 422,
      errors: { ids: expect.any(String) },
    });
    expect((await put(product.id, seller, { ids: "a,b" })).body).toMatchObject({
      status: 422,
      errors: { ids: expect.any(String) },
    });
    expect((await put(product.id, seller, { ids: [ids[1], ids[0]], extra: 1 })).body).toMatchObject({
      status: 422,
      errors: { extra: "Unknown field." },
    });
    expect((await put(product.id, seller, [ids[1], ids[0]])).status).toBe(422);
    expect((await put(product.id, seller, { ids: [ids[1]] })).body).toMatchObject({
      status: 422,
      code: "product_image.order_mismatch",
    });
    expect((await put(product.id, seller, { ids: [ids[1], ids[1]] })).body).toMatchObject({
      status: 422,
      errors: { ids: "List each image once." },
    });
    // The path names the product: a productId in the body does not redirect the verb.
    const other = await productWith(2);
    expect(
      (await put(product.id, seller, { ids: [other.ids[1], other.ids[0]], productId: other.product.id }))
        .status,
    ).toBe(422);
    expect(await list(product.id, seller)).toEqual(ids);
    expect(await list(other.product.id, other.seller)).toEqual(other.ids);
  });

  it("refuses 401, 403 and 404 (another seller)", async () => {
    const { product, ids } = await productWith(2);
    const body = { ids: [ids[1], ids[0]] };
    expect((await put(product.id, null, body)).status).toBe(401);
    expect((await put(product.id, await makeCustomer(t.db), body)).status).toBe(403);
    expect((await put(product.id, await makeStaff(t.db, "seller"), body)).status).toBe(404);
  });
});
