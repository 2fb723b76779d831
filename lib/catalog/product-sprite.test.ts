import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { spriteFile, spriteMarkup } from "@/components/catalog/product-sprite-file";
import { VISUAL_KINDS } from "@/components/catalog/product-visual";

describe("the product drawings' sprite", () => {
  it("is current with the drawings (run `npx tsx scripts/product-sprite.tsx`)", () => {
    expect(readFileSync(spriteFile(), "utf8")).toBe(spriteMarkup());
  });

  it("holds every drawing in a light and a dark edge, coloured by the <use>", () => {
    const svg = spriteMarkup();
    for (const kind of VISUAL_KINDS) {
      expect(svg).toContain(`id="hv-${kind}-l"`);
      expect(svg).toContain(`id="hv-${kind}-d"`);
    }
    expect(svg).toContain('fill="currentColor"');
  });
});
