import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  combinations,
  planMatrix,
  skuStem,
  type ExistingGroup,
  type ExistingVariant,
} from "./variant-matrix";

const color = {
  nameKo: "색상",
  nameEn: "Color",
  values: [
    { valueKo: "블랙", valueEn: "Black" },
    { valueKo: "실버", valueEn: "Silver" },
  ],
};
const storage = {
  nameKo: "용량",
  nameEn: "Storage",
  values: [
    { valueKo: "256GB", valueEn: "256GB" },
    { valueKo: "512GB", valueEn: "512GB" },
  ],
};

describe("combinations", () => {
  it("is one empty combination for no groups (a product without options has one variant)", () => {
    expect(combinations([])).toEqual([[]]);
  });
  it("is every combination, in group then value order", () => {
    expect(
      combinations([
        ["a", "b"],
        ["x", "y", "z"],
      ]),
    ).toEqual([
      ["a", "x"],
      ["a", "y"],
      ["a", "z"],
      ["b", "x"],
      ["b", "y"],
      ["b", "z"],
    ]);
  });
  it("has the product of the sizes, each combination once", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 5 }), { maxLength: 3 }), (sizes) => {
        const lists = sizes.map((n) => Array.from({ length: n }, (_, i) => i));
        const all = combinations(lists);
        expect(all.length).toBe(sizes.reduce((a, b) => a * b, 1));
        expect(new Set(all.map((c) => c.join(","))).size).toBe(all.length);
      }),
    );
  });
});

describe("planning new options over a product's variants", () => {
  const existing: ExistingGroup[] = [
    {
      id: "g1",
      nameKo: "색상",
      nameEn: "Color",
      values: [
        { id: "black", valueKo: "블랙", valueEn: "Black" },
        { id: "silver", valueKo: "실버", valueEn: "Silver" },
      ],
    },
    {
      id: "g2",
      nameKo: "용량",
      nameEn: "Storage",
      values: [
        { id: "256", valueKo: "256GB", valueEn: "256GB" },
        { id: "512", valueKo: "512GB", valueEn: "512GB" },
      ],
    },
  ];
  const variants: ExistingVariant[] = [
    { id: "v-b256", optionValueIds: ["black", "256"], used: true },
    { id: "v-b512", optionValueIds: ["512", "black"], used: false },
    { id: "v-s256", optionValueIds: ["silver", "256"], used: false },
    { id: "v-s512", optionValueIds: ["silver", "512"], used: true },
  ];

  it("generates every combination for a new product", () => {
    const plan = planMatrix([color, storage], [], []);
    expect(plan.groups.map((g) => g.id)).toEqual([null, null]);
    expect(plan.combinations.map((c) => c.valueIndexes)).toEqual([
      [0, 0],
      [0, 1],
      [1, 0],
      [1, 1],
    ]);
    expect(plan.combinations.every((c) => c.variantId === null)).toBe(true);
  });

  it("keeps every variant when the same options come again", () => {
    const plan = planMatrix([color, storage], existing, variants);
    expect(plan.combinations.map((c) => c.variantId)).toEqual(["v-b256", "v-b512", "v-s256", "v-s512"]);
    expect(plan).toMatchObject({ retire: [], remove: [] });
  });

  it("keeps the combinations that remain, retires used ones that are gone, deletes unused ones", () => {
    const silverGone = { ...color, values: [color.values[0]!, { valueKo: "블루", valueEn: "Blue" }] };
    const plan = planMatrix([silverGone, storage], existing, variants);
    expect(plan.groups[0]!.values.map((v) => v.id)).toEqual(["black", null]);
    expect(plan.combinations.map((c) => c.variantId)).toEqual(["v-b256", "v-b512", null, null]);
    expect(plan.retire).toEqual(["v-s512"]);
    expect(plan.remove).toEqual(["v-s256"]);
  });

  it("matches a group or value renamed in one language only", () => {
    const renamed = [
      { ...color, nameEn: "Colour" },
      { ...storage, values: [{ valueKo: "256기가", valueEn: "256GB" }, storage.values[1]!] },
    ];
    const plan = planMatrix(renamed, existing, variants);
    expect(plan.groups.map((g) => g.id)).toEqual(["g1", "g2"]);
    expect(plan.groups[1]!.values[0]).toEqual({ id: "256", valueKo: "256기가", valueEn: "256GB" });
    expect(plan.combinations.every((c) => c.variantId !== null)).toBe(true);
  });

  it("removes a dimension: no variant has the new shape, so all are new", () => {
    const plan = planMatrix([color], existing, variants);
    expect(plan.combinations.map((c) => c.variantId)).toEqual([null, null]);
    expect(plan.retire.sort()).toEqual(["v-b256", "v-s512"]);
    expect(plan.remove.sort()).toEqual(["v-b512", "v-s256"]);
  });
});

describe("SKU stems", () => {
  it("reads like a SKU", () => {
    expect(
      skuStem("Galaxy S25 Ultra", [
        { valueKo: "블랙", valueEn: "Titanium Black" },
        { valueKo: "256GB", valueEn: "256GB" },
      ]),
    ).toBe("GALAXY-S25-ULTRA-TITANI-256GB");
    expect(skuStem("", [])).toBe("ITEM");
    expect(skuStem("충전기", [{ valueKo: "흰색", valueEn: "" }])).toBe("ITEM");
  });
});
