import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { UserActor } from "@/lib/auth/actor";
import { catalogState } from "@/test/catalog-fixtures";
import { setupTestDb } from "@/test/db";
import { demoActors, makeCustomer, seedDemo } from "@/test/factories";

const session = vi.hoisted(() => ({ actor: null as UserActor | null }));
vi.mock("@/lib/auth/session", () => ({ currentActor: async () => session.actor }));
// Outside a Next request there is no cache to revalidate.
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
const { createProductAction, productStepAction, setOptionsAction, updateProductAction, updateVariantAction } =
  await import("./actions");

const t = setupTestDb();
const who: Record<string, UserActor | null> = { anonymous: null };
beforeAll(async () => {
  await seedDemo(t.db);
  Object.assign(who, await demoActors(t.db));
  who.customer = await makeCustomer(t.db);
});
const as = (name: string) => {
  session.actor = who[name]!;
};

/** Everything a product write could touch, to prove a refused action wrote nothing. */
const written = () => catalogState(t.db);

const draft = {
  nameKo: "차량용 무선 충전기",
  nameEn: "Car Wireless Charger",
  category: "accessory",
  type: "stock",
  brand: "디지털플라자",
};
const groups = {
  groups: [
    {
      nameKo: "색상",
      nameEn: "Color",
      values: [
        { valueKo: "블랙", valueEn: "Black" },
        { valueKo: "실버", valueEn: "Silver" },
      ],
    },
    {
      nameKo: "거치 방식",
      nameEn: "Mount",
      values: [
        { valueKo: "송풍구", valueEn: "Vent" },
        { valueKo: "대시보드", valueEn: "Dashboard" },
      ],
    },
  ],
};

/** Each edit of draft `p` (its fields, its options, a variant's price) is refused with `code`. */
async function expectEditsRefused(p: { id: string; variants: { id: string }[] }, code: string) {
  expect(await updateProductAction(p.id, { nameKo: "x" })).toMatchObject({ ok: false, code });
  expect(await setOptionsAction(p.id, groups)).toMatchObject({ ok: false, code });
  expect(await updateVariantAction(p.id, p.variants[0]!.id, { price: 1000 })).toMatchObject({
    ok: false,
    code,
  });
}

/** A seller's draft with its four variants, through the actions themselves. */
async function newDraft(owner = "seller") {
  as(owner);
  const created = await createProductAction(draft);
  if (!created.ok) throw new Error(created.message);
  const options = await setOptionsAction(created.data.id, groups);
  expect(options).toEqual({ ok: true, data: { variants: 4 } });
  const rows = await t.db.execute(
    sql`select id, sku from variants where product_id = ${created.data.id} order by sku`,
  );
  return { id: created.data.id, variants: rows as unknown as { id: string; sku: string }[] };
}

describe("the seller centre's server actions", () => {
  it("create a draft, once per form key, and refuse bad fields by name writing nothing", async () => {
    as("seller");
    const key = `form-${Date.now()}`;
    const first = await createProductAction(draft, key);
    const again = await createProductAction(draft, key);
    expect(first.ok && again.ok && again.data.id === first.data.id).toBe(true);

    const before = await written();
    const bad = await createProductAction({ ...draft, nameKo: " ", category: "spaceship", price: 3 });
    expect(bad).toMatchObject({
      ok: false,
      code: "validation.invalid",
      errors: { nameKo: expect.any(String), category: expect.any(String), price: expect.any(String) },
    });
    expect(await createProductAction("not an object")).toMatchObject({
      ok: false,
      code: "validation.invalid",
    });
    expect(await written()).toEqual(before);
  });

  it("edit a draft's fields, options and variants; refuse bad input by field", async () => {
    const p = await newDraft();
    expect(await updateProductAction(p.id, { descriptionKo: "송풍구·대시보드 겸용" })).toMatchObject({
      ok: true,
      data: { id: p.id },
    });
    expect(
      await updateVariantAction(p.id, p.variants[0]!.id, { price: 32_000, sku: "dp-car-blk-vent" }),
    ).toEqual({
      ok: true,
      data: { id: p.variants[0]!.id, sku: "DP-CAR-BLK-VENT", price: 32_000, active: true },
    });

    const before = await written();
    expect(await updateProductAction(p.id, { nameEn: "" })).toMatchObject({
      ok: false,
      code: "validation.invalid",
      errors: { nameEn: expect.any(String) },
    });
    const four = {
      groups: [
        ...groups.groups,
        { nameKo: "a", nameEn: "a", values: [{ valueKo: "x", valueEn: "x" }] },
        { nameKo: "b", nameEn: "b", values: [{ valueKo: "y", valueEn: "y" }] },
      ],
    };
    expect(await setOptionsAction(p.id, four)).toMatchObject({
      ok: false,
      code: "validation.invalid",
      errors: { groups: expect.any(String) },
    });
    expect(
      await setOptionsAction(p.id, { groups: [{ nameKo: "색상", nameEn: "Color", values: [] }] }),
    ).toMatchObject({
      ok: false,
      errors: { "groups.0.values": expect.any(String) },
    });
    expect(await updateVariantAction(p.id, p.variants[1]!.id, { price: 0 })).toMatchObject({
      ok: false,
      code: "validation.invalid",
      errors: { price: expect.any(String) },
    });
    expect(await updateVariantAction(p.id, p.variants[1]!.id, { price: "12,000" })).toMatchObject({
      ok: false,
      errors: { price: expect.any(String) },
    });
    // Another variant's SKU: 409 naming the field, so the form marks the SKU input.
    expect(await updateVariantAction(p.id, p.variants[1]!.id, { sku: "DP-CAR-BLK-VENT" })).toMatchObject({
      ok: false,
      code: "product.sku_taken",
      meta: { errors: { sku: expect.any(String) } },
    });
    expect(await updateVariantAction(p.id, "not-a-variant", { price: 1000 })).toMatchObject({
      ok: false,
      code: "variant.not_found",
    });
    expect(await written()).toEqual(before);
  });

  it("take lifecycle steps by name; a submit that is not ready names what is missing; send-back needs a reason", async () => {
    const p = await newDraft();
    const before = await written();
    expect(await productStepAction(p.id, "submit")).toMatchObject({
      ok: false,
      code: "validation.invalid",
      errors: { "variants.price": expect.any(String) },
    });
    expect(await productStepAction(p.id, "teleport")).toMatchObject({
      ok: false,
      code: "product.unknown_step",
    });
    expect(await productStepAction(p.id, "__proto__")).toMatchObject({
      ok: false,
      code: "product.unknown_step",
    });
    expect(await productStepAction(p.id, "approve")).toMatchObject({
      ok: false,
      code: "product.step_not_allowed",
    });
    expect(await productStepAction(p.id, "publish")).toMatchObject({
      ok: false,
      code: "product.illegal_transition",
    });
    expect(await productStepAction(p.id, "submit", { reason: 5 })).toMatchObject({
      ok: false,
      code: "validation.invalid",
    });
    expect(await written()).toEqual(before);

    await updateVariantAction(p.id, p.variants[0]!.id, { price: 29_000 });
    expect(await productStepAction(p.id, "submit")).toEqual({ ok: true, data: { status: "in_review" } });
    // Editing is for drafts only.
    const inReview = await written();
    expect(await updateProductAction(p.id, { nameKo: "바뀐 이름" })).toMatchObject({
      ok: false,
      code: "product.not_editable",
    });
    expect(await setOptionsAction(p.id, groups)).toMatchObject({ ok: false, code: "product.not_editable" });

    as("marketing");
    expect(await productStepAction(p.id, "send-back", {})).toMatchObject({
      ok: false,
      code: "validation.invalid",
      errors: { reason: expect.any(String) },
    });
    expect(await productStepAction(p.id, "submit")).toMatchObject({
      ok: false,
      code: "product.step_not_allowed",
    });
    expect(await written()).toEqual(inReview);
    expect(await productStepAction(p.id, "send-back", { reason: "실버 색상 사진이 없습니다" })).toEqual({
      ok: true,
      data: { status: "draft" },
    });
  });

  it("refuse the anonymous, customers, dealers, marketing's edits and another seller, writing nothing", async () => {
    const p = await newDraft("seller2");
    const before = await written();
    const cases: [string, string][] = [
      ["anonymous", "auth.unauthenticated"],
      ["customer", "auth.forbidden"],
      ["dealer", "auth.forbidden"],
    ];
    for (const [name, code] of cases) {
      as(name);
      expect(await createProductAction(draft)).toMatchObject({ ok: false, code });
      await expectEditsRefused(p, code);
      expect(await productStepAction(p.id, "submit")).toMatchObject({ ok: false, code });
      expect(await productStepAction(p.id, "discontinue")).toMatchObject({ ok: false, code });
    }
    // Another seller: as if the product did not exist.
    as("seller");
    await expectEditsRefused(p, "product.not_found");
    expect(await productStepAction(p.id, "discontinue")).toMatchObject({
      ok: false,
      code: "product.not_found",
    });
    // Marketing reviews; it does not create or edit, nor take the seller's steps.
    as("marketing");
    expect(await createProductAction(draft)).toMatchObject({ ok: false, code: "product.seller_only" });
    await expectEditsRefused(p, "product.seller_only");
    expect(await productStepAction(p.id, "publish")).toMatchObject({
      ok: false,
      code: "product.step_not_allowed",
    });
    expect(await written()).toEqual(before);
    // But it may discontinue any product.
    expect(await productStepAction(p.id, "discontinue", { reason: "중복 등록" })).toEqual({
      ok: true,
      data: { status: "discontinued" },
    });
  });
});
