import { describe, expect, it } from "vitest";
import { imageSrcSet, imageUrl, renditionWidth } from "./image-urls";

describe("renditionWidth", () => {
  it("keeps the allowed widths and rounds anything else to the nearest (the larger on a tie)", () => {
    expect([160, 320, 640, 1280].map(renditionWidth)).toEqual([160, 320, 640, 1280]);
    expect(["1", "200", "240", "481", "5000", "-3"].map(renditionWidth)).toEqual([
      160, 160, 320, 640, 1280, 160,
    ]);
  });
  it("uses 640 when there is no usable number", () => {
    expect([null, undefined, "", " ", "wide", "NaN", "Infinity"].map(renditionWidth)).toEqual([
      640, 640, 640, 640, 640, 640, 640,
    ]);
  });
});

describe("imageSrcSet", () => {
  it("lists the widths the master can fill, then the master's own width once", () => {
    const id = "0b4e7f0a-93a4-4d42-9f3e-5a8a8c7c2f10";
    expect(imageUrl(id)).toBe(`/api/images/${id}?w=640`);
    expect(imageSrcSet({ id, width: 1600, height: 900 })).toBe(
      [160, 320, 640, 1280].map((w) => `/api/images/${id}?w=${w} ${w}w`).join(", "),
    );
    expect(imageSrcSet({ id, width: 500, height: 500 })).toBe(
      `/api/images/${id}?w=160 160w, /api/images/${id}?w=320 320w, /api/images/${id}?w=640 500w`,
    );
    expect(imageSrcSet({ id, width: 100, height: 60 })).toBe(`/api/images/${id}?w=160 100w`);
  });
});
