/**
 * Writes public/product-sprite-v*.svg, the drawings of products without a photo, from
 * components/catalog/product-visual.tsx: `npx tsx scripts/product-sprite.tsx` after changing a
 * drawing (and bump SPRITE_URL's version). lib/catalog/product-sprite.test.ts checks it is current.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { spriteFile, spriteMarkup } from "@/components/catalog/product-sprite-file";

writeFileSync(path.resolve(spriteFile()), spriteMarkup());
console.log(`Wrote ${spriteFile()}`);
