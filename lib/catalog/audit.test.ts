import { beforeAll, describe, expect, it } from "vitest";
import type { Tx } from "@/db/client";
import type { UserActor } from "@/lib/auth/actor";
import { auditProbe } from "@/test/audit";
import { picture } from "@/test/image-fixtures";
import { setupTestDb } from "@/test/db";
import { demoActors, seedDemo } from "@/test/factories";
import { addProductImage } from "./add-product-image";
import { createProduct } from "./create-product";
import { normalizeImage } from "./image-master";
import { removeProductImage } from "./remove-product-image";
import { reorderProductImages } from "./reorder-product-images";
import { setProductOptions } from "./set-options";
import {
  approveProduct,
  discontinueProduct,
  pauseProduct,
  publishProduct,
  sendBackProduct,
  submitProduct,
} from "./transition-product";
import { updateProduct } from "./update-product";
import { updateVariant } from "./update-variant";

/** Sellers' product edits and every launch-lifecycle step write one audit row in their own transaction. */
const t = setupTestDb();
const { rowsWritten, expectOneRow } = auditProbe(() => t.db);
const run = <T>(fn: (tx: Tx) => Promise<T>) => t.db.transaction(fn);
let marketing: UserActor, seller: UserActor;

beforeAll(async () => {
  await seedDemo(t.db);
  ({ marketing, seller } = await demoActors(t.db));
});

const draft = {
  nameKo: "무선 충전 거치대",
  nameEn: "Wireless Charging Stand",
  category: "accessory",
  type: "stock",
};

describe("a seller's product", () => {
  it("creating, editing, options and a price each write one row on the product; a replay or an empty edit none", async () => {
    let id = "";
    const product = { type: "product", id: () => id };
    const create = () => run((tx) => createProduct(tx, seller, draft, { idempotencyKey: "audit-product" }));
    const created = await expectOneRow(
      async () => (id = (await create()).product.id),
      seller,
      "product.create",
      product,
    );
    expect(created.detail).toEqual({ nameKo: draft.nameKo, nameEn: draft.nameEn, type: "stock" });
    expect(await rowsWritten(create)).toEqual([]);

    const edited = await expectOneRow(
      () => run((tx) => updateProduct(tx, seller, id, { nameEn: "Wireless Stand", brand: "DP" })),
      seller,
      "product.update",
      product,
    );
    expect(edited.detail).toEqual({ fields: ["nameEn", "brand"] });
    expect(await rowsWritten(() => run((tx) => updateProduct(tx, seller, id, {})))).toEqual([]);

    let variantId = "";
    const options = await expectOneRow(
      async () =>
        (variantId = (await run((tx) => setProductOptions(tx, seller, id, { groups: [] }))).variants[0]!.id),
      seller,
      "product.set_options",
      product,
    );
    expect(options.detail).toEqual({ groups: 0, variantsAdded: 1, variantsRetired: 0, variantsRemoved: 0 });

    const priced = await expectOneRow(
      () => run((tx) => updateVariant(tx, seller, id, variantId, { price: 39_000 })),
      seller,
      "variant.update",
      product,
    );
    expect(priced.detail).toEqual({ variantId, changes: { price: [null, 39_000] } });
  });

  it("every lifecycle step writes one row with from, to and the reason; refused and repeated steps write none", async () => {
    const { product: p } = await run((tx) => createProduct(tx, seller, draft));
    const { variants } = await run((tx) => setProductOptions(tx, seller, p.id, { groups: [] }));
    await run((tx) => updateVariant(tx, seller, p.id, variants[0]!.id, { price: 25_000 }));
    const product = { type: "product", id: () => p.id };
    const steps = [
      [submitProduct, seller, "submit", {}, "draft", "in_review"],
      [sendBackProduct, marketing, "send_back", { reason: "add photos" }, "in_review", "draft"],
      [submitProduct, seller, "submit", {}, "draft", "in_review"],
      [approveProduct, marketing, "approve", {}, "in_review", "approved"],
      [publishProduct, seller, "publish", {}, "approved", "on_sale"],
      [pauseProduct, seller, "pause", {}, "on_sale", "paused"],
      [discontinueProduct, marketing, "discontinue", {}, "paused", "discontinued"],
    ] as const;
    for (const [verb, who, event, body, from, to] of steps) {
      if (event === "approve") {
        // The seller may not approve its own product (403), and nothing is recorded.
        expect(await rowsWritten(() => run((tx) => approveProduct(tx, seller, p.id, {})))).toEqual([]);
      }
      const row = await expectOneRow(
        () => run((tx) => verb(tx, who, p.id, body)),
        who,
        `product.${event}`,
        product,
      );
      expect(row.detail).toEqual({ from, to, ...body });
    }
    expect(await rowsWritten(() => run((tx) => discontinueProduct(tx, seller, p.id, {})))).toEqual([]); // 409
  });

  it("adding, reordering and removing images each write one row on the product; a stale order writes none", async () => {
    const { product: p } = await run((tx) => createProduct(tx, seller, draft));
    const image = await normalizeImage(await picture(400, 300));
    const product = { type: "product", id: () => p.id };
    const ids: string[] = [];
    for (const position of [0, 1]) {
      const row = await expectOneRow(
        async () => ids.push((await run((tx) => addProductImage(tx, seller, { productId: p.id, image }))).id),
        seller,
        "product.add_image",
        product,
      );
      expect(row.detail).toEqual({ imageId: ids[position], position });
    }
    const order = [ids[1]!, ids[0]!];
    const reordered = await expectOneRow(
      () => run((tx) => reorderProductImages(tx, seller, { productId: p.id, ids: order })),
      seller,
      "product.reorder_images",
      product,
    );
    expect(reordered.detail).toEqual({ imageIds: order });
    expect(
      await rowsWritten(() =>
        run((tx) => reorderProductImages(tx, seller, { productId: p.id, ids: [ids[0]!] })),
      ),
    ).toEqual([]);
    const removed = await expectOneRow(
      () => run((tx) => removeProductImage(tx, seller, { productId: p.id, imageId: ids[0]! })),
      seller,
      "product.remove_image",
      product,
    );
    expect(removed.detail).toEqual({ imageId: ids[0], position: 1 });
  });
});
