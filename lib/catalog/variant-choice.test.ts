import { describe, expect, it } from "vitest";
import type { OptionGroup, Variant } from "./schemas";
import { describeVariant, initialVariant, isCombinable, pickValue } from "./variant-choice";

const groups: OptionGroup[] = [
  {
    id: "g1",
    code: "color",
    nameKo: "색상",
    nameEn: "Colour",
    values: [
      { id: "blue", valueKo: "블루", valueEn: "Blue" },
      { id: "black", valueKo: "블랙", valueEn: "Black" },
    ],
  },
  {
    id: "g2",
    code: "storage",
    nameKo: "저장용량",
    nameEn: "Storage",
    values: [
      { id: "256", valueKo: "256GB", valueEn: "256GB" },
      { id: "512", valueKo: "512GB", valueEn: "512GB" },
    ],
  },
];
const v = (id: string, values: string[]): Variant => ({
  id,
  sku: id,
  price: 1,
  options: {},
  optionsKo: {},
  optionValueIds: values,
});
// Black comes in 256GB only.
const variants = [
  v("blue-256", ["blue", "256"]),
  v("blue-512", ["blue", "512"]),
  v("black-256", ["black", "256"]),
];

describe("choosing a variant by its options", () => {
  it("keeps the other choices when the combination exists", () => {
    expect(pickValue(variants, variants[0]!, 1, "512").id).toBe("blue-512");
    expect(pickValue(variants, variants[2]!, 0, "blue").id).toBe("blue-256");
  });
  it("falls back to the first variant with the picked value when it does not", () => {
    expect(isCombinable(variants, variants[1]!, 0, "black")).toBe(false);
    expect(pickValue(variants, variants[1]!, 0, "black").id).toBe("black-256");
  });
  it("starts from the URL's variant, or the first", () => {
    expect(initialVariant(variants, "black-256")!.id).toBe("black-256");
    expect(initialVariant(variants, "nope")!.id).toBe("blue-256");
    expect(initialVariant([], undefined)).toBeUndefined();
  });
  it("describes the choice in the UI language", () => {
    expect(describeVariant(groups, variants[1]!, "ko")).toBe("블루 / 512GB");
    expect(describeVariant(groups, variants[2]!, "en")).toBe("Black / 256GB");
  });
});
