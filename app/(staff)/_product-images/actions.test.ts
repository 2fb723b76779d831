import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { productImages } from "@/db/schema";
import type { UserActor } from "@/lib/auth/actor";
import { setupTestDb } from "@/test/db";
import { makeCustomer } from "@/test/factories";
import { makeProduct, makeStaff, picture, productWithImages, uploadForm } from "@/test/image-fixtures";

// The actions read the signed-in user from the request; here the test says who is signed in.
const session = vi.hoisted(() => ({ actor: null as UserActor | null }));
vi.mock("@/lib/auth/session", () => ({ currentActor: async () => session.actor }));
vi.mock("next/headers", () => ({ headers: async () => new Headers({ "x-forwarded-for": "203.0.113.9" }) }));

const { removeProductImageAction, reorderProductImagesAction, uploadProductImageAction } =
  await import("./actions");

const t = setupTestDb();
let png: Buffer;
beforeAll(async () => {
  png = await picture(640, 480);
});
const stored = (productId: string) =>
  t.db.select({ id: productImages.id }).from(productImages).where(eq(productImages.productId, productId));

describe("the image uploader's server actions", () => {
  it("upload answers the stored image; remove and reorder answer the images as they are after", async () => {
    const seller = await makeStaff(t.db);
    const product = await makeProduct(t.db, seller);
    session.actor = seller;
    const a = await uploadProductImageAction(product.id, uploadForm(png));
    const b = await uploadProductImageAction(
      product.id,
      uploadForm(await picture(200, 200, "webp"), "b.webp", "image/webp"),
    );
    expect(a).toEqual({
      ok: true,
      data: {
        id: expect.any(String),
        url: expect.stringMatching(/^\/api\/images\//),
        width: 640,
        height: 480,
        position: 0,
      },
    });
    expect(b).toMatchObject({ ok: true, data: { position: 1 } });
    const idA = (a as { data: { id: string } }).data.id;
    const idB = (b as { data: { id: string } }).data.id;

    const reordered = await reorderProductImagesAction(product.id, [idB, idA]);
    expect(reordered.ok && reordered.data.map((i) => [i.id, i.position])).toEqual([
      [idB, 0],
      [idA, 1],
    ]);
    const removed = await removeProductImageAction(product.id, idB);
    expect(removed).toEqual({ ok: true, data: [expect.objectContaining({ id: idA, position: 0 })] });
  });

  it("turns every refusal into a code the uploader words, and writes nothing", async () => {
    const seller = await makeStaff(t.db);
    const product = await makeProduct(t.db, seller);
    session.actor = seller;
    expect(
      await uploadProductImageAction(product.id, uploadForm(Buffer.from("plain text"), "a.png")),
    ).toMatchObject({
      ok: false,
      code: "image.unsupported_type",
    });
    expect(
      await uploadProductImageAction(product.id, uploadForm(new Uint8Array(5 * 1024 * 1024 + 1))),
    ).toMatchObject({
      ok: false,
      code: "image.too_large",
      meta: { maxBytes: 5 * 1024 * 1024 },
    });
    expect(await uploadProductImageAction(product.id, uploadForm(await picture(16, 16)))).toMatchObject({
      ok: false,
      code: "image.dimensions",
      errors: { file: expect.any(String) },
    });
    expect(await uploadProductImageAction(product.id, new FormData())).toMatchObject({
      ok: false,
      code: "validation.invalid",
      errors: { file: expect.any(String) },
    });

    session.actor = await makeStaff(t.db, "seller");
    expect(await uploadProductImageAction(product.id, uploadForm(png))).toMatchObject({
      ok: false,
      code: "product.not_found",
    });
    session.actor = await makeCustomer(t.db);
    expect(await uploadProductImageAction(product.id, uploadForm(png))).toMatchObject({
      ok: false,
      code: "auth.forbidden",
    });
    session.actor = null;
    expect(await uploadProductImageAction(product.id, uploadForm(png))).toMatchObject({
      ok: false,
      code: "auth.unauthenticated",
    });
    expect(await stored(product.id)).toEqual([]);
  });

  it("remove and reorder refuse another seller (not found) and a stale list, changing nothing", async () => {
    const { seller, product, ids } = await productWithImages(t.db, 2);
    session.actor = await makeStaff(t.db, "seller");
    expect(await removeProductImageAction(product.id, ids[0]!)).toMatchObject({
      ok: false,
      code: "product.not_found",
    });
    expect(await reorderProductImagesAction(product.id, [ids[1]!, ids[0]!])).toMatchObject({
      ok: false,
      code: "product.not_found",
    });
    session.actor = seller;
    expect(await reorderProductImagesAction(product.id, [ids[1]!])).toMatchObject({
      ok: false,
      code: "product_image.order_mismatch",
    });
    expect((await stored(product.id)).map((r) => r.id).sort()).toEqual([...ids].sort());
  });
});
