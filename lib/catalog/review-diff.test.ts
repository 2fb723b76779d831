import { describe, expect, it } from "vitest";
import type { ProductSnapshot } from "./product-detail";
import { diffSnapshots } from "./review-diff";

const base: ProductSnapshot = {
  nameKo: "무선 충전 거치대",
  nameEn: "Wireless Charging Stand",
  category: "accessory",
  type: "stock",
  brand: "디지털플라자",
  descriptionKo: "",
  descriptionEn: "",
  options: [
    { nameKo: "색상", nameEn: "Color", values: ["블랙 / Black", "화이트 / White"] },
    { nameKo: "출력", nameEn: "Output", values: ["15W / 15W", "25W / 25W"] },
  ],
  variants: [
    { sku: "WCS-BLK-15W", label: "Black / 15W", price: 29_000, active: true },
    { sku: "WCS-BLK-25W", label: "Black / 25W", price: 35_000, active: true },
    { sku: "WCS-WHT-15W", label: "White / 15W", price: 29_000, active: true },
    { sku: "WCS-WHT-25W", label: "White / 25W", price: null, active: true },
  ],
};

describe("diffSnapshots", () => {
  it("has nothing to compare with on a first review", () => {
    expect(diffSnapshots(null, base)).toBeNull();
  });

  it("says when nothing changed", () => {
    expect(diffSnapshots(base, structuredClone(base))).toEqual({
      fields: [],
      options: [],
      variants: [],
      unchanged: true,
    });
  });

  it("names the changed fields with before and after", () => {
    const d = diffSnapshots(base, {
      ...base,
      nameKo: "무선 충전 스탠드",
      descriptionEn: "Charges two phones",
    })!;
    expect(d.unchanged).toBe(false);
    expect(d.fields).toEqual([
      { field: "nameKo", before: "무선 충전 거치대", after: "무선 충전 스탠드" },
      { field: "descriptionEn", before: "", after: "Charges two phones" },
    ]);
  });

  it("finds added and removed values, groups and variants, and price, SKU and switch changes", () => {
    const current: ProductSnapshot = {
      ...base,
      options: [
        { nameKo: "색상", nameEn: "Color", values: ["화이트 / White", "블랙 / Black", "블루 / Blue"] },
        { nameKo: "케이블", nameEn: "Cable", values: ["C타입 / USB-C"] },
      ],
      variants: [
        { sku: "WCS-BLK-15W-X", label: "Black / 15W", price: 29_000, active: true },
        { sku: "WCS-BLK-25W", label: "Black / 25W", price: 33_000, active: false },
        { sku: "WCS-WHT-15W", label: "White / 15W", price: 29_000, active: true },
        { sku: "WCS-BLU-15W", label: "Blue / 15W", price: 31_000, active: true },
      ],
    };
    const d = diffSnapshots(base, current)!;
    expect(d.fields).toEqual([]);
    expect(d.options).toEqual([
      {
        kind: "changed",
        before: base.options[0],
        after: current.options[0],
        addedValues: ["블루 / Blue"],
        removedValues: [],
        reordered: true,
      },
      { kind: "added", group: current.options[1] },
      { kind: "removed", group: base.options[1] },
    ]);
    expect(d.variants).toEqual([
      { kind: "changed", before: base.variants[0], after: current.variants[0], changed: ["sku"] },
      { kind: "changed", before: base.variants[1], after: current.variants[1], changed: ["price", "active"] },
      { kind: "added", variant: current.variants[3] },
      { kind: "removed", variant: base.variants[3] },
    ]);
  });

  it("sees a price set for the first time as a price change", () => {
    const current = {
      ...base,
      variants: base.variants.map((v) => (v.price === null ? { ...v, price: 39_000 } : v)),
    };
    expect(diffSnapshots(base, current)!.variants).toEqual([
      { kind: "changed", before: base.variants[3], after: current.variants[3], changed: ["price"] },
    ]);
  });
});
