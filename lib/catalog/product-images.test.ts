import { asc, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { productImages, products } from "@/db/schema";
import type { UserActor } from "@/lib/auth/actor";
import { setupTestDb } from "@/test/db";
import { makeCustomer } from "@/test/factories";
import { makeProduct, makeStaff, picture, productWithImages } from "@/test/image-fixtures";
import { addProductImage } from "./add-product-image";
import { normalizeImage, type ImageMaster } from "./image-master";
import { getProduct, listProducts } from "./queries";
import { removeProductImage } from "./remove-product-image";
import { reorderProductImages } from "./reorder-product-images";

const t = setupTestDb();
let master: ImageMaster;
beforeAll(async () => {
  master = await normalizeImage(await picture(400, 300));
});

const positions = async (productId: string) =>
  (
    await t.db
      .select({ id: productImages.id, position: productImages.position })
      .from(productImages)
      .where(eq(productImages.productId, productId))
      .orderBy(asc(productImages.position))
  ).map((r) => [r.id, r.position] as const);
const add = (actor: UserActor | null, productId: string) =>
  t.db.transaction((tx) => addProductImage(tx, actor, { productId, image: master }));
const remove = (actor: UserActor | null, productId: string, imageId: string) =>
  t.db.transaction((tx) => removeProductImage(tx, actor, { productId, imageId }));
const reorder = (actor: UserActor | null, productId: string, ids: unknown) =>
  t.db.transaction((tx) => reorderProductImages(tx, actor, { productId, ids }));

const productWith = (n: number) => productWithImages(t.db, n);

describe("addProductImage", () => {
  it("never stores more than 8, nor two at one position, when uploads race", async () => {
    const seller = await makeStaff(t.db);
    const product = await makeProduct(t.db, seller);
    const results = await Promise.allSettled(Array.from({ length: 12 }, () => add(seller, product.id)));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(8);
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(refused.map((r) => (r.reason as { code: string }).code)).toEqual(
      Array(4).fill("product_image.limit"),
    );
    expect((await positions(product.id)).map(([, p]) => p)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it("takes only an image that went through normalizeImage (never raw bytes)", async () => {
    const { seller, product } = await productWith(0);
    await expect(
      t.db.transaction((tx) =>
        addProductImage(tx, seller, {
          productId: product.id,
          image: { bytes: Buffer.from("x"), width: 1, height: 1 },
        }),
      ),
    ).rejects.toMatchObject({ name: "ZodError" });
    expect(await positions(product.id)).toEqual([]);
  });
});

describe("removeProductImage", () => {
  it("deletes one image and closes the gap; the next becomes the main image", async () => {
    const { seller, product, ids } = await productWith(4);
    await remove(seller, product.id, ids[0]!);
    expect(await positions(product.id)).toEqual([
      [ids[1], 0],
      [ids[2], 1],
      [ids[3], 2],
    ]);
    await remove(seller, product.id, ids[2]!);
    expect(await positions(product.id)).toEqual([
      [ids[1], 0],
      [ids[3], 1],
    ]);
    // Gone is gone: again is 404.
    await expect(remove(seller, product.id, ids[2]!)).rejects.toMatchObject({
      status: 404,
      code: "product_image.not_found",
    });
  });

  it("is 404 for another product's image, even the same seller's, and changes nothing", async () => {
    const a = await productWith(1);
    const b = await makeProduct(t.db, a.seller);
    await expect(remove(a.seller, b.id, a.ids[0]!)).rejects.toMatchObject({ status: 404 });
    await expect(remove(a.seller, a.product.id, "nope")).rejects.toMatchObject({ status: 404 });
    expect(await positions(a.product.id)).toEqual([[a.ids[0], 0]]);
  });
});

describe("reorderProductImages", () => {
  it("puts the images in the order given and answers them in it", async () => {
    const { seller, product, ids } = await productWith(3);
    const wanted = [ids[2]!, ids[0]!, ids[1]!];
    const out = await reorder(seller, product.id, wanted);
    expect(out.map((i) => [i.id, i.position])).toEqual(wanted.map((id, i) => [id, i]));
    expect(await positions(product.id)).toEqual(wanted.map((id, i) => [id, i]));
  });

  it("refuses a list that is not every image exactly once (422 on `ids`), and changes nothing", async () => {
    const { seller, product, ids } = await productWith(3);
    const other = await productWith(1);
    const before = await positions(product.id);
    for (const bad of [
      [ids[0], ids[1]], // one missing: stale
      [ids[0], ids[1], ids[2], other.ids[0]], // another product's
      [ids[0], ids[1], other.ids[0]],
    ]) {
      await expect(reorder(seller, product.id, bad)).rejects.toMatchObject({
        status: 422,
        code: "product_image.order_mismatch",
        errors: { ids: expect.any(String) },
      });
    }
    await expect(reorder(seller, product.id, [ids[0], ids[0], ids[1]])).rejects.toMatchObject({
      name: "ZodError",
    });
    await expect(reorder(seller, product.id, ["x"])).rejects.toMatchObject({ name: "ZodError" });
    await expect(reorder(seller, product.id, [])).rejects.toMatchObject({ name: "ZodError" });
    expect(await positions(product.id)).toEqual(before);
  });
});

describe("every image change", () => {
  it("marks the product changed (updatedAt), as any edit of its content does", async () => {
    const { seller, product, ids } = await productWith(2);
    const updatedAt = async () =>
      (
        await t.db.select({ at: products.updatedAt }).from(products).where(eq(products.id, product.id))
      )[0]!.at.getTime();
    const changes = [
      () => reorder(seller, product.id, [ids[1], ids[0]]),
      () => remove(seller, product.id, ids[0]!),
      () => add(seller, product.id),
    ];
    for (const change of changes) {
      const before = await updatedAt();
      await new Promise((r) => setTimeout(r, 5));
      await change();
      expect(await updatedAt()).toBeGreaterThan(before);
    }
  });
});

describe("who may change a product's images", () => {
  it("only its own seller's staff: 401 signed out, 403 customers, dealers and marketing, 404 another seller", async () => {
    const { product, ids } = await productWith(2);
    const stranger = await makeStaff(t.db, "seller");
    const before = await positions(product.id);
    const others: [UserActor | null, number][] = [
      [null, 401],
      [await makeCustomer(t.db), 403],
      [await makeStaff(t.db, "dealer"), 403],
      [await makeStaff(t.db, "marketing"), 403],
      [stranger, 404],
    ];
    for (const [actor, status] of others) {
      await expect(add(actor, product.id)).rejects.toMatchObject({ status });
      await expect(remove(actor, product.id, ids[0]!)).rejects.toMatchObject({ status });
      await expect(reorder(actor, product.id, [ids[1], ids[0]])).rejects.toMatchObject({ status });
    }
    expect(await positions(product.id)).toEqual(before);
  });

  it("a discontinued product's images stay as they are (409)", async () => {
    const { seller, product, ids } = await productWith(2);
    await t.db.execute(sql`update products set status = 'discontinued' where id = ${product.id}`);
    await expect(add(seller, product.id)).rejects.toMatchObject({
      status: 409,
      code: "product.not_editable",
    });
    await expect(remove(seller, product.id, ids[0]!)).rejects.toMatchObject({ status: 409 });
    await expect(reorder(seller, product.id, [ids[1], ids[0]])).rejects.toMatchObject({ status: 409 });
  });
});

describe("the catalog's products carry their images", () => {
  it("main image first, in the list and on the product page; none is an empty list", async () => {
    const { seller, product, ids } = await productWithImages(t.db, 3);
    await t.db.execute(
      sql`update products set status = 'on_sale', name_en = ${`Imaged ${product.id}`} where id = ${product.id}`,
    );
    await reorder(seller, product.id, [ids[2], ids[0], ids[1]]);
    const expected = [ids[2], ids[0], ids[1]].map((id, position) => ({
      id,
      url: `/api/images/${id}?w=640`,
      width: 300,
      height: 200,
      position,
    }));

    const page = await listProducts(t.db, { q: `Imaged ${product.id}` });
    expect(page.items.map((p) => p.images)).toEqual([expected]);
    expect((await getProduct(t.db, null, product.id)).images).toEqual(expected);
    const bare = await makeProduct(t.db, seller, "on_sale");
    expect((await getProduct(t.db, null, bare.id)).images).toEqual([]);
  });
});
