import { describe, expect, it } from "vitest";
import type { UserActor } from "@/lib/auth/actor";
import { setupTestDb } from "@/test/db";
import { makeCustomer } from "@/test/factories";
import { call } from "@/test/http";
import { makeStaff, productWithImages } from "@/test/image-fixtures";
import { GET } from "../route";
import { DELETE } from "./route";

const t = setupTestDb();
const productWith = (n: number) => productWithImages(t.db, n);
const list = async (productId: string, as: UserActor) =>
  ((await call(GET, { params: { id: productId }, as })).body as { id: string }[]).map((i) => i.id);

describe("DELETE /api/seller-products/{id}/images/{imageId}", () => {
  it("is 204 with no body, and the image is gone from the list", async () => {
    const { seller, product, ids } = await productWith(2);
    const res = await call(DELETE, {
      method: "DELETE",
      params: { id: product.id, imageId: ids[0]! },
      as: seller,
    });
    expect(res.status).toBe(204);
    expect(res.body).toBeUndefined();
    expect(await list(product.id, seller)).toEqual([ids[1]]);
    expect(
      (await call(DELETE, { method: "DELETE", params: { id: product.id, imageId: ids[0]! }, as: seller }))
        .status,
    ).toBe(404);
  });

  it("refuses 401, 403, and 404 for another seller or a bad id, deleting nothing", async () => {
    const { seller, product, ids } = await productWith(1);
    const del = (as: UserActor | null, imageId = ids[0]!) =>
      call(DELETE, { method: "DELETE", params: { id: product.id, imageId }, as });
    expect((await del(null)).status).toBe(401);
    expect((await del(await makeCustomer(t.db))).status).toBe(403);
    expect((await del(await makeStaff(t.db, "seller"))).status).toBe(404);
    expect((await del(seller, "x")).status).toBe(404);
    expect(await list(product.id, seller)).toEqual(ids);
  });
});
