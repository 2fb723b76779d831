import { describe, expect, it } from "vitest";
import { demoProducts } from "@/db/seed/data";
import { isLight, swatchColor } from "./swatches";

describe("swatchColor", () => {
  it("knows every demo colour", () => {
    const colours = demoProducts.flatMap((p) =>
      p.options.filter((o) => o.code === "color").flatMap((o) => o.values.map((v) => v.en)),
    );
    for (const c of colours) expect(swatchColor(c), c).toMatch(/^#/);
  });
  it("gives an unknown colour a stable pastel", () => {
    expect(swatchColor("Aurora Glow")).toBe(swatchColor(" aurora glow "));
    expect(swatchColor("Aurora Glow")).toMatch(/^hsl\(\d+ 45% 72%\)$/);
  });
  it("tells light from dark", () => {
    expect(isLight(swatchColor("White"))).toBe(true);
    expect(isLight(swatchColor("Navy"))).toBe(false);
  });
});
