import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { UserActor } from "@/lib/auth/actor";
import { catalogState } from "@/test/catalog-fixtures";
import { setupTestDb } from "@/test/db";
import { demoActors, makeCustomer, seedDemo } from "@/test/factories";
import { call } from "@/test/http";
import { demoIds, setStock } from "@/test/orders-fixtures";
import { PUT as putOptions } from "./[id]/options/route";
import { GET as getOne, PATCH as patch } from "./[id]/route";
import { POST as step } from "./[id]/[step]/route";
import { PATCH as patchVariant } from "./[id]/variants/[variantId]/route";
import { GET as list, POST as create } from "./route";

const t = setupTestDb();
const who: Record<string, UserActor> = {};

beforeAll(async () => {
  await seedDemo(t.db);
  Object.assign(who, await demoActors(t.db));
  who.customer = await makeCustomer(t.db);
});

/** Everything a product write could touch, to prove a refused call wrote nothing. */
const snapshot = () => catalogState(t.db);

const draft = {
  nameKo: "무선 충전 거치대",
  nameEn: "Wireless Charging Stand",
  category: "accessory",
  type: "stock",
  brand: "디지털플라자",
};
const twoGroups = {
  groups: [
    {
      nameKo: "색상",
      nameEn: "Color",
      values: [
        { valueKo: "블랙", valueEn: "Black" },
        { valueKo: "화이트", valueEn: "White" },
      ],
    },
    {
      nameKo: "출력",
      nameEn: "Output",
      values: [
        { valueKo: "15W", valueEn: "15W" },
        { valueKo: "25W", valueEn: "25W" },
        { valueKo: "45W", valueEn: "45W" },
      ],
    },
  ],
};

async function newProduct(as = who.seller!, body: object = draft) {
  const res = await call(create, { as, body });
  expect(res.status).toBe(201);
  return res.body as {
    id: string;
    variants: {
      id: string;
      sku: string;
      price: number | null;
      active: boolean;
      optionValueIds: string[];
      labelEn: string;
    }[];
  };
}
const doStep = (id: string, name: string, as: UserActor | null, body: object = {}) =>
  call(step, { as, params: { id, step: name }, body });

/** A product of `as` without options (so one variant), priced at ₩5,000 and submitted for review. */
async function submittedProduct(as = who.seller!, body: object = draft) {
  const p = await newProduct(as, body);
  const { variants } = (await call(putOptions, { as, params: { id: p.id }, body: { groups: [] } })).body;
  await call(patchVariant, { as, params: { id: p.id, variantId: variants[0].id }, body: { price: 5000 } });
  await doStep(p.id, "submit", as);
  return p;
}

describe("a seller's product, from draft to on sale, over HTTP", () => {
  it("creates a draft with no options and no variants, in the the API contract shape", async () => {
    const res = await call(create, {
      as: who.seller,
      body: { ...draft, descriptionKo: "설명", descriptionEn: "About it" },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      ...draft,
      status: "draft",
      sellerId: who.seller!.organisationId,
      options: [],
      variants: [],
      descriptionEn: "About it",
    });
    expect(res.body.history).toEqual([
      expect.objectContaining({ from: null, to: "draft", actorId: who.seller!.id }),
    ]);
  });

  it("generates every combination of two option groups, each with a unique SKU and no price", async () => {
    const p = await newProduct();
    const res = await call(putOptions, { as: who.seller, params: { id: p.id }, body: twoGroups });
    expect(res.status).toBe(200);
    expect(res.body.options.map((g: { nameEn: string }) => g.nameEn)).toEqual(["Color", "Output"]);
    expect(res.body.variants).toHaveLength(6);
    expect(res.body.variants.map((v: { labelEn: string }) => v.labelEn)).toEqual([
      "Black / 15W",
      "Black / 25W",
      "Black / 45W",
      "White / 15W",
      "White / 25W",
      "White / 45W",
    ]);
    expect(
      res.body.variants.every((v: { price: null; active: boolean }) => v.price === null && v.active),
    ).toBe(true);
    expect(new Set(res.body.variants.map((v: { sku: string }) => v.sku)).size).toBe(6);
    expect(res.body.variants[0].sku).toBe("WIRELESS-CHARGIN-BLACK-15W");
    // A second product of the same name gets other SKUs (unique shop-wide).
    const q = await newProduct();
    const again = await call(putOptions, { as: who.seller, params: { id: q.id }, body: twoGroups });
    expect(again.body.variants[0].sku).toBe("WIRELESS-CHARGIN-BLACK-15W-2");
  });

  it("regenerates keeping the ids, SKUs and prices of combinations that remain; retires used ones, deletes the rest", async () => {
    const p = await newProduct();
    const first = (await call(putOptions, { as: who.seller, params: { id: p.id }, body: twoGroups })).body;
    const [black15, , , white15, white25] = first.variants;
    await call(patchVariant, {
      as: who.seller,
      params: { id: p.id, variantId: black15.id },
      body: { price: 39000 },
    });
    // White 15W was stocked: it has a history, so it may never be deleted.
    const ids = await demoIds(t.db);
    await setStock(t.db, ids.loc("WH-DIGITALPLAZA"), white15.id, 3);

    const noWhite = {
      groups: [
        {
          ...twoGroups.groups[0],
          values: [twoGroups.groups[0]!.values[0]!, { valueKo: "블루", valueEn: "Blue" }],
        },
        twoGroups.groups[1],
      ],
    };
    const res = await call(putOptions, { as: who.seller, params: { id: p.id }, body: noWhite });
    expect(res.status).toBe(200);
    const byLabel = Object.fromEntries(res.body.variants.map((v: { labelEn: string }) => [v.labelEn, v]));
    expect(byLabel["Black / 15W"]).toMatchObject({
      id: black15.id,
      sku: black15.sku,
      price: 39000,
      active: true,
    });
    expect(byLabel["Blue / 15W"]).toMatchObject({ price: null, active: true });
    expect(byLabel["White / 15W"]).toMatchObject({ id: white15.id, active: false }); // retired, history intact
    expect(byLabel["White / 25W"]).toBeUndefined(); // never used: deleted
    expect(res.body.variants.filter((v: { active: boolean }) => v.active)).toHaveLength(6);
    const [gone] = await t.db.execute(sql`select count(*)::int as n from variants where id = ${white25.id}`);
    expect(gone!.n).toBe(0);
    // The archived value is no longer offered, but the retired variant still says what it was.
    expect(res.body.options[0].values.map((v: { valueEn: string }) => v.valueEn)).toEqual(["Black", "Blue"]);
    const [ledger] = await t.db.execute(
      sql`select count(*)::int as n from stock_movements where variant_id = ${white15.id}`,
    );
    expect(ledger!.n).toBeGreaterThan(0);
  });

  it("a product without options has exactly one variant", async () => {
    const p = await newProduct();
    const res = await call(putOptions, { as: who.seller, params: { id: p.id }, body: { groups: [] } });
    expect(res.status).toBe(200);
    expect(res.body.variants).toHaveLength(1);
    expect(res.body.variants[0]).toMatchObject({ sku: "WIRELESS-CHARGIN", optionValueIds: [], price: null });
  });

  it("refuses a SKU another variant has, with 409 naming sku, and writes nothing", async () => {
    const p = await newProduct();
    const { variants } = (await call(putOptions, { as: who.seller, params: { id: p.id }, body: twoGroups }))
      .body;
    const before = await snapshot();
    const res = await call(patchVariant, {
      as: who.seller,
      params: { id: p.id, variantId: variants[0].id },
      body: { sku: "SM-S931N-1-1" },
    });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: "product.sku_taken", errors: { sku: expect.any(String) } });
    expect(await snapshot()).toEqual(before);
    const ok = await call(patchVariant, {
      as: who.seller,
      params: { id: p.id, variantId: variants[0].id },
      body: { sku: "dp-stand-blk", price: 45000, active: false },
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ id: variants[0].id, sku: "DP-STAND-BLK", price: 45000, active: false });
  });

  it("walks draft → in review → sent back → in review → approved → on sale ⇄ paused → discontinued, recording each step", async () => {
    const p = await newProduct();
    // Not ready: no variants, then no priced active variant. 422 naming what is missing.
    let res = await doStep(p.id, "submit", who.seller!);
    expect(res.status).toBe(422);
    expect(res.body.errors).toHaveProperty("variants");
    const { variants } = (await call(putOptions, { as: who.seller, params: { id: p.id }, body: twoGroups }))
      .body;
    res = await doStep(p.id, "submit", who.seller!);
    expect(res.status).toBe(422);
    expect(res.body.errors).toHaveProperty(["variants.price"]);
    await call(patchVariant, {
      as: who.seller,
      params: { id: p.id, variantId: variants[1].id },
      body: { price: 29000 },
    });

    expect((await doStep(p.id, "submit", who.seller!)).body.status).toBe("in_review");
    // Marketing must say why it sends one back.
    res = await doStep(p.id, "send-back", who.marketing!);
    expect(res.status).toBe(422);
    expect(res.body.errors).toHaveProperty("reason");
    res = await doStep(p.id, "send-back", who.marketing!, { reason: "상품 설명을 추가해 주세요" });
    expect(res.body.status).toBe("draft");
    expect(
      (
        await call(patch, {
          as: who.seller,
          params: { id: p.id },
          body: { descriptionKo: "15W~45W 고속 무선 충전" },
        })
      ).status,
    ).toBe(200);
    expect((await doStep(p.id, "submit", who.seller!)).body.status).toBe("in_review");
    expect((await doStep(p.id, "approve", who.marketing!)).body.status).toBe("approved");
    expect((await doStep(p.id, "publish", who.seller!)).body.status).toBe("on_sale");
    expect((await doStep(p.id, "pause", who.seller!)).body.status).toBe("paused");
    expect((await doStep(p.id, "publish", who.seller!)).body.status).toBe("on_sale");
    res = await doStep(p.id, "discontinue", who.marketing!, { reason: "판매 종료" });
    expect(res.body.status).toBe("discontinued");
    expect(
      res.body.history.map((h: { from: string | null; to: string }) => `${h.from ?? "∅"}→${h.to}`),
    ).toEqual([
      "∅→draft",
      "draft→in_review",
      "in_review→draft",
      "draft→in_review",
      "in_review→approved",
      "approved→on_sale",
      "on_sale→paused",
      "paused→on_sale",
      "on_sale→discontinued",
    ]);
    expect(res.body.history[2]).toMatchObject({
      actorId: who.marketing!.id,
      reason: "상품 설명을 추가해 주세요",
    });
    // A repeated step is 409, and so is anything after discontinued.
    expect((await doStep(p.id, "discontinue", who.seller!)).status).toBe(409);
    expect((await doStep(p.id, "publish", who.seller!)).status).toBe(409);
    expect(
      (
        await call(patchVariant, {
          as: who.seller,
          params: { id: p.id, variantId: variants[1].id },
          body: { price: 1000 },
        })
      ).status,
    ).toBe(409);
  });

  it("lists a seller's own products in every status, and the review queue for marketing", async () => {
    const p = await submittedProduct(who.seller2!, {
      ...draft,
      nameKo: "리뷰 대기 상품",
      nameEn: "Awaiting review",
    });

    const mine = await call(list, { as: who.seller2, url: "/api/seller-products?page=1" });
    expect(mine.status).toBe(200);
    expect(
      mine.body.items.every((i: { sellerId: string }) => i.sellerId === who.seller2!.organisationId),
    ).toBe(true);
    expect(mine.body.items[0]).toMatchObject({
      id: p.id,
      status: "in_review",
      variantCount: 1,
      priceMin: 5000,
      updatedAt: expect.any(String),
    });
    const queue = await call(list, { as: who.marketing, url: "/api/seller-products?status=in_review" });
    expect(queue.body.items.map((i: { id: string }) => i.id)).toContain(p.id);
    expect(queue.body.items.every((i: { status: string }) => i.status === "in_review")).toBe(true);
    expect((await call(getOne, { as: who.marketing, params: { id: p.id } })).status).toBe(200);
  });
});

describe("who may do what (refused calls write nothing)", () => {
  let theirs: string;
  beforeAll(async () => {
    theirs = (await newProduct(who.seller2!)).id;
  });

  it("another seller's product is 404 for every call", async () => {
    const before = await snapshot();
    expect((await call(getOne, { as: who.seller, params: { id: theirs } })).status).toBe(404);
    expect(
      (await call(patch, { as: who.seller, params: { id: theirs }, body: { nameKo: "x" } })).status,
    ).toBe(404);
    expect((await call(putOptions, { as: who.seller, params: { id: theirs }, body: twoGroups })).status).toBe(
      404,
    );
    expect((await doStep(theirs, "submit", who.seller!)).status).toBe(404);
    expect((await doStep(theirs, "discontinue", who.seller!)).status).toBe(404);
    expect(
      (
        await call(patchVariant, {
          as: who.seller,
          params: { id: theirs, variantId: theirs },
          body: { price: 1 },
        })
      ).status,
    ).toBe(404);
    expect(await snapshot()).toEqual(before);
  });

  it("customers and dealers are 403, signed out is 401, marketing may not edit or do the seller's steps", async () => {
    const before = await snapshot();
    for (const as of [who.customer!, who.dealer!]) {
      expect((await call(create, { as, body: draft })).status).toBe(403);
      expect((await call(list, { as })).status).toBe(403);
      expect((await doStep(theirs, "approve", as)).status).toBe(403);
    }
    expect((await call(create, { as: null, body: draft })).status).toBe(401);
    expect((await doStep(theirs, "submit", null)).status).toBe(401);
    expect((await call(create, { as: who.marketing, body: draft })).status).toBe(403);
    expect(
      (await call(patch, { as: who.marketing, params: { id: theirs }, body: { nameKo: "x" } })).status,
    ).toBe(403);
    expect((await doStep(theirs, "submit", who.marketing!)).status).toBe(403);
    expect((await doStep(theirs, "publish", who.marketing!)).status).toBe(403);
    // A seller asking for marketing's steps: 403 (not 409), on its own product.
    expect((await doStep(theirs, "approve", who.seller2!)).status).toBe(403);
    expect((await doStep(theirs, "send-back", who.seller2!, { reason: "x" })).status).toBe(403);
    expect(await snapshot()).toEqual(before);
  });

  it("bad input is a clear 4xx naming the field, and writes nothing", async () => {
    const mine = await newProduct();
    const before = await snapshot();
    const bad = async (
      res: Promise<{ status: number; body: { errors?: Record<string, string> } }>,
      status: number,
      field?: string,
    ) => {
      const r = await res;
      expect(r.status).toBe(status);
      if (field) expect(Object.keys(r.body.errors ?? {})).toContain(field);
    };
    await bad(call(create, { as: who.seller, body: { ...draft, nameKo: "" } }), 422, "nameKo");
    await bad(call(create, { as: who.seller, body: { ...draft, type: "rental" } }), 422, "type");
    await bad(call(create, { as: who.seller, body: { ...draft, price: 1 } }), 422, "price");
    await bad(
      call(create, { as: who.seller, rawBody: "{not json", headers: { "content-type": "application/json" } }),
      400,
    );
    await bad(
      call(patch, { as: who.seller, params: { id: mine.id }, body: { category: "car" } }),
      422,
      "category",
    );
    await bad(
      call(putOptions, { as: who.seller, params: { id: mine.id }, body: { groups: [1, 2, 3, 4] } }),
      422,
    );
    await bad(
      call(putOptions, {
        as: who.seller,
        params: { id: mine.id },
        body: { groups: [{ nameKo: "색상", nameEn: "Color", values: [] }] },
      }),
      422,
      "groups.0.values",
    );
    await bad(
      call(putOptions, {
        as: who.seller,
        params: { id: mine.id },
        body: { groups: [twoGroups.groups[0], twoGroups.groups[0]] },
      }),
      422,
      "groups.1.nameKo",
    );
    const dupValue = {
      groups: [
        {
          nameKo: "색상",
          nameEn: "Color",
          values: [
            { valueKo: "블랙", valueEn: "Black" },
            { valueKo: "블랙", valueEn: "Noir" },
          ],
        },
      ],
    };
    await bad(
      call(putOptions, { as: who.seller, params: { id: mine.id }, body: dupValue }),
      422,
      "groups.0.values.1",
    );
    await bad(
      call(patchVariant, { as: who.seller, params: { id: mine.id, variantId: "nope" }, body: { price: 1 } }),
      404,
    );
    await bad(call(getOne, { as: who.seller, params: { id: "not-a-uuid" } }), 404);
    await bad(call(step, { as: who.seller, params: { id: mine.id, step: "launch" }, body: {} }), 404);
    await bad(doStep(mine.id, "submit", who.seller!, { reason: 5 }), 422, "reason");
    await bad(call(list, { as: who.seller, url: "/api/seller-products?status=sold" }), 422, "status");
    expect(await snapshot()).toEqual(before);
  });

  it("a price must be a whole number of won from 1", async () => {
    const p = await newProduct();
    const { variants } = (
      await call(putOptions, { as: who.seller, params: { id: p.id }, body: { groups: [] } })
    ).body;
    for (const price of [0, -5, 1.5, "1000", null]) {
      const r = await call(patchVariant, {
        as: who.seller,
        params: { id: p.id, variantId: variants[0].id },
        body: { price },
      });
      expect(r.status).toBe(422);
      expect(r.body.errors).toHaveProperty("price");
    }
  });

  it("edits only a draft's content (409 outside draft)", async () => {
    const p = await submittedProduct();
    const before = await snapshot();
    expect(
      (await call(patch, { as: who.seller, params: { id: p.id }, body: { nameKo: "바뀐 이름" } })).status,
    ).toBe(409);
    expect((await call(putOptions, { as: who.seller, params: { id: p.id }, body: twoGroups })).status).toBe(
      409,
    );
    expect(await snapshot()).toEqual(before);
  });
});

describe("Idempotency-Key on POST /api/seller-products", () => {
  it("returns the first product for a retry and creates nothing; another body with the key is 422", async () => {
    const headers = { "idempotency-key": "new-stand-1" };
    const first = await call(create, { as: who.seller, body: draft, headers });
    expect(first.status).toBe(201);
    const before = await snapshot();
    const again = await call(create, { as: who.seller, body: draft, headers });
    expect(again.status).toBe(200);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(again.body.id).toBe(first.body.id);
    const other = await call(create, { as: who.seller, body: { ...draft, nameKo: "다른 상품" }, headers });
    expect(other.status).toBe(422);
    expect(await snapshot()).toEqual(before);
  });
});
