import { describe, expect, it } from "vitest";
import { sendBackNote, splitVariants } from "./product-view";

const v = (id: string, optionValueIds: string[], active = true) => ({
  id,
  sku: id.toUpperCase(),
  price: null,
  optionValueIds,
  active,
  labelKo: "",
  labelEn: "",
});
const options = [
  {
    id: "g1",
    code: "color",
    nameKo: "색상",
    nameEn: "Color",
    values: [
      { id: "black", valueKo: "블랙", valueEn: "Black" },
      { id: "white", valueKo: "화이트", valueEn: "White" },
    ],
  },
  {
    id: "g2",
    code: "size",
    nameKo: "크기",
    nameEn: "Size",
    values: [{ id: "s", valueKo: "S", valueEn: "S" }],
  },
];

describe("splitVariants", () => {
  it("keeps switched-off variants of offered combinations in the matrix and sets retired ones apart", () => {
    const variants = [
      v("a", ["black", "s"]),
      v("b", ["white", "s"], false),
      v("c", ["blue", "s"], false),
      v("d", ["black"], false),
    ];
    const { matrix, retired } = splitVariants({ options, variants });
    expect(matrix.map((x) => x.id)).toEqual(["a", "b"]);
    expect(retired.map((x) => x.id)).toEqual(["c", "d"]);
  });

  it("treats the one variant of a product without options as the matrix", () => {
    expect(splitVariants({ options: [], variants: [v("only", [])] }).matrix.map((x) => x.id)).toEqual([
      "only",
    ]);
  });
});

describe("sendBackNote", () => {
  const at = "2026-01-01T00:00:00.000Z";
  const step = (from: string | null, to: string, reason: string | null = null) =>
    ({ from, to, at, actorId: null, actorName: null, reason }) as never;

  it("is marketing's reason while the product is the draft it sent back", () => {
    const history = [
      step(null, "draft", "created"),
      step("draft", "in_review"),
      step("in_review", "draft", "사진이 흐립니다"),
    ];
    expect(sendBackNote({ status: "draft", history })).toMatchObject({ reason: "사진이 흐립니다" });
  });

  it("is gone once the product is resubmitted, and never shown on a fresh draft", () => {
    const history = [
      step(null, "draft", "created"),
      step("draft", "in_review"),
      step("in_review", "draft", "x"),
      step("draft", "in_review"),
    ];
    expect(sendBackNote({ status: "in_review", history })).toBeNull();
    expect(sendBackNote({ status: "draft", history: [step(null, "draft", "created")] })).toBeNull();
  });
});
