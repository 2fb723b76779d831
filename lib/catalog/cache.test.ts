import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import path from "node:path";
import { createInterface, type Interface } from "node:readline";
import { and, eq } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Tx } from "@/db/client";
import { products, reservables, users, variants } from "@/db/schema";
import type { UserActor } from "@/lib/auth/actor";
import { picture } from "@/test/image-fixtures";
import { setupTestDb } from "@/test/db";
import { demoActors, seedDemo } from "@/test/factories";
import { call } from "@/test/http";
import { GET as getProducts } from "@/app/api/products/route";
import { GET as getProductById } from "@/app/api/products/[id]/route";
import { addProductImage } from "./add-product-image";
import { CATALOG_CHANNEL, catalogCacheReady, stopCatalogCache } from "./cache";
import { shopReservables } from "./cached-reads";
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
  submitProduct,
} from "./transition-product";
import { updateProduct } from "./update-product";
import { updateVariant } from "./update-variant";

/**
 * The catalog read cache (docs/decisions/0010-catalog-read-cache.md) against the real database: a
 * catalog change reaches this instance's cache at once and another process's through NOTIFY, and
 * every write verb of lib/catalog sends it.
 */
const t = setupTestDb();
const run = <T>(fn: (tx: Tx) => Promise<T>) => t.db.transaction(fn);
let store: UserActor, seller: UserActor, marketing: UserActor;
let iphone: string; // an on-sale product of the retailer's store
let variantId: string;

/** Every payload NOTIFY hub_catalog carried, as another instance hears it. */
const heard: string[] = [];
let listener: ReturnType<typeof postgres>;

beforeAll(async () => {
  process.env.CATALOG_CACHE = "on";
  await seedDemo(t.db);
  ({ store, seller, marketing } = await demoActors(t.db));
  const [p] = await t.db
    .select({ id: products.id })
    .from(products)
    .where(eq(products.nameEn, "iPhone 16 Pro"));
  iphone = p!.id;
  const [v] = await t.db
    .select({ id: variants.id })
    .from(variants)
    .where(eq(variants.productId, iphone))
    .orderBy(variants.sku)
    .limit(1);
  variantId = v!.id;
  listener = postgres(t.url, { max: 1, onnotice: () => {} });
  await listener.listen(CATALOG_CHANNEL, (payload) => heard.push(payload));
  expect(await catalogCacheReady()).toBe(true);
});

afterAll(async () => {
  await listener?.end({ timeout: 1 });
  await stopCatalogCache();
  delete process.env.CATALOG_CACHE;
});

const until = async (check: () => boolean | Promise<boolean>, ms = 3000) => {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) return false;
    await new Promise((r) => setTimeout(r, 25));
  }
  return true;
};

/** Sets a price behind the verbs' back (no notification): what a cache still shows proves it cached. */
const setPriceQuietly = (price: number) =>
  t.db.update(variants).set({ price }).where(eq(variants.id, variantId));

const apiPrice = async () => {
  const res = await call(getProductById, { params: { id: iphone } });
  expect(res.status).toBe(200);
  return res.body.variants.find((v: { id: string }) => v.id === variantId).price as number;
};
const listedFrom = async () => {
  const res = await call(getProducts, { url: "/api/products?q=iPhone%2016%20Pro" });
  expect(res.status).toBe(200);
  return res.body.items.find((p: { id: string }) => p.id === iphone).priceFrom as number;
};

describe("the catalog read cache", () => {
  it("serves the product and the list from the cache, and shows a price change right after it", async () => {
    const before = await apiPrice();
    const fromBefore = await listedFrom();
    await setPriceQuietly(before + 1);
    expect(await apiPrice()).toBe(before); // cached: the quiet change is not seen
    expect(await listedFrom()).toBe(fromBefore);

    await run((tx) => updateVariant(tx, store, iphone, variantId, { price: 1_000 }));
    expect(await apiPrice()).toBe(1_000);
    expect(await listedFrom()).toBe(1_000);
  });

  it("a change rolled back tells no instance", async () => {
    heard.length = 0;
    await expect(
      run(async (tx) => {
        await updateVariant(tx, store, iphone, variantId, { price: 2_000 });
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    const other = await draftId();
    await run((tx) => updateProduct(tx, seller, other, { brand: "X" })); // a committed one after it
    expect(await until(() => heard.length > 0)).toBe(true);
    expect(heard.some((h) => h.includes(iphone))).toBe(false);
    expect(await apiPrice()).toBe(1_000);
  });

  it("every write verb of lib/catalog tells every instance once it commits", async () => {
    const told = async (what: string, id: () => string, fn: () => Promise<unknown>) => {
      heard.length = 0;
      await fn();
      expect(
        await until(() => heard.some((h) => h.split(" ").includes(`product:${id()}`))),
        `${what} sent no invalidation`,
      ).toBe(true);
    };
    let id = "";
    const draft = {
      nameKo: "무선 충전 거치대",
      nameEn: "Wireless Charging Stand",
      category: "accessory",
      type: "stock",
    };
    await told(
      "createProduct",
      () => id,
      async () => (id = (await run((tx) => createProduct(tx, seller, draft))).product.id),
    );
    await told(
      "updateProduct",
      () => id,
      () => run((tx) => updateProduct(tx, seller, id, { brand: "DP" })),
    );
    let vid = "";
    await told(
      "setProductOptions",
      () => id,
      async () => {
        vid = (await run((tx) => setProductOptions(tx, seller, id, { groups: [] }))).variants[0]!.id;
      },
    );
    await told(
      "updateVariant (a price)",
      () => id,
      () => run((tx) => updateVariant(tx, seller, id, vid, { price: 25_000 })),
    );
    const image = await normalizeImage(await picture(400, 300));
    const images: string[] = [];
    for (const _ of [0, 1])
      await told(
        "addProductImage",
        () => id,
        async () => {
          images.push((await run((tx) => addProductImage(tx, seller, { productId: id, image }))).id);
        },
      );
    await told(
      "reorderProductImages",
      () => id,
      () => run((tx) => reorderProductImages(tx, seller, { productId: id, ids: [images[1]!, images[0]!] })),
    );
    await told(
      "removeProductImage",
      () => id,
      () => run((tx) => removeProductImage(tx, seller, { productId: id, imageId: images[0]! })),
    );
    for (const [what, verb, who] of [
      ["submit", submitProduct, seller],
      ["approve", approveProduct, marketing],
      ["publish", publishProduct, seller],
      ["pause", pauseProduct, seller],
      ["discontinue", discontinueProduct, marketing],
    ] as const)
      await told(
        `${what}Product`,
        () => id,
        () => run((tx) => verb(tx, who, id, {})),
      );
  });
});

describe("reservables as the shop shows them", () => {
  it("are at most a second old: the places left move outside the catalog's verbs", async () => {
    await new Promise((r) => setTimeout(r, 300)); // the earlier tests' notifications land first
    const [first] = await shopReservables(t.db, {});
    expect(first).toBeDefined();
    const left = () =>
      shopReservables(t.db, {}).then((all) => all.find((r) => r.id === first!.id)!.available);
    await t.db.update(reservables).set({ taken: 1 }).where(eq(reservables.id, first!.id));
    expect(await left()).toBe(first!.available); // cached
    await new Promise((r) => setTimeout(r, 1100));
    expect(await left()).toBe(Math.max(0, first!.capacity - 1));
  });
});

describe("another instance's cache", () => {
  let child: ChildProcessWithoutNullStreams;
  let lines: Interface;
  const next: ((line: string) => void)[] = [];
  const ask = (line: string) =>
    new Promise<string>((resolve) => {
      next.push(resolve);
      child.stdin.write(`${line}\n`);
    });
  const theirPrice = async () => (JSON.parse(await ask(`product ${iphone}`)) as number[])[0]!;

  beforeAll(async () => {
    child = spawn(process.execPath, ["--import", "tsx", path.resolve("test/fixtures/catalog-instance.ts")], {
      env: { ...process.env, DATABASE_URL: t.url, CATALOG_CACHE: "on", VITEST: "" },
    });
    child.stderr.on("data", (d: Buffer) => process.stderr.write(d));
    lines = createInterface({ input: child.stdout });
    const ready = new Promise<void>((resolve) => {
      lines.on("line", (line) => (line === "ready" ? resolve() : next.shift()?.(line)));
    });
    await ready;
  }, 30_000);

  afterAll(() => {
    child?.stdin.end();
    child?.kill();
  });

  it("drops a product when this process changes its price, through PostgreSQL", async () => {
    await run((tx) => updateVariant(tx, store, iphone, variantId, { price: 3_000 }));
    expect(await until(async () => (await theirPrice()) === 3_000)).toBe(true);
    // Its first read may have raced the notification (which then drops it once more): let it land.
    await new Promise((r) => setTimeout(r, 300));
    expect(await theirPrice()).toBe(3_000);
    await setPriceQuietly(3_333);
    expect(await theirPrice()).toBe(3_000); // its own cache, not a fresh read

    await run((tx) => updateVariant(tx, store, iphone, variantId, { price: 4_000 }));
    expect(await until(async () => (await theirPrice()) === 4_000, 2000)).toBe(true);
  });
});

/** A draft of seller's, for a committed change that is not the iPhone's. */
let draftIdCache = "";
async function draftId() {
  if (draftIdCache) return draftIdCache;
  const [row] = await t.db
    .select({ id: products.id })
    .from(products)
    .innerJoin(users, eq(users.organisationId, products.sellerId))
    .where(and(eq(users.email, "seller@demo.test"), eq(products.status, "draft")))
    .limit(1);
  draftIdCache =
    row?.id ??
    (
      await run((tx) =>
        createProduct(tx, seller, { nameKo: "초안", nameEn: "Draft", category: "accessory", type: "stock" }),
      )
    ).product.id;
  return draftIdCache;
}
