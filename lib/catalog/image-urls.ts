/**
 * Product images: their limits and their addresses. Pure, so the uploader can check a file before
 * sending it and a card can build its srcset; the server checks everything again.
 */
export const IMAGE_RULES = {
  /** Largest upload accepted, in bytes. */
  maxBytes: 5 * 1024 * 1024,
  /** Images a product may have. */
  perProduct: 8,
  /** Shortest side accepted, px: anything smaller cannot show a product. */
  minSide: 32,
  /** Longest side accepted, px, and pixels in all: bigger decodes would exhaust a server's memory. */
  maxSide: 12_000,
  maxPixels: 50_000_000,
  /** The stored master's long side, px. */
  masterSide: 1600,
  /** What the file picker offers; the server judges the bytes, not this list. */
  accept: "image/jpeg,image/png,image/webp,image/avif",
} as const;

/**
 * The only widths served. A fixed set, so that a crawler asking for w=1,2,3… cannot fill the cache
 * (or the CPU) with renditions nobody shows; any other width is answered with the nearest of these.
 */
export const RENDITION_WIDTHS = [160, 320, 640, 1280] as const;
export type RenditionWidth = (typeof RENDITION_WIDTHS)[number];
export const DEFAULT_WIDTH: RenditionWidth = 640;

/** The allowed width nearest to `w` (the larger one on a tie); the default when `w` is not a number. */
export function renditionWidth(w: string | number | null | undefined): RenditionWidth {
  const n = typeof w === "number" ? w : w == null || w.trim() === "" ? NaN : Number(w);
  if (!Number.isFinite(n)) return DEFAULT_WIDTH;
  let best: RenditionWidth = RENDITION_WIDTHS[0];
  for (const width of RENDITION_WIDTHS) if (Math.abs(width - n) <= Math.abs(best - n)) best = width;
  return best;
}

/** An image as pages and the API show it. */
export type ImageRef = { id: string; width: number; height: number };

export function imageUrl(id: string, w: RenditionWidth = DEFAULT_WIDTH): string {
  return `/api/images/${id}?w=${w}`;
}

/**
 * `srcset` for an <img>: every allowed width the master can fill, and one more that serves the
 * master at its own size (renditions are never enlarged, so wider entries would repeat it).
 */
export function imageSrcSet(image: ImageRef): string {
  const widths: number[] = [];
  for (const w of RENDITION_WIDTHS) {
    widths.push(w);
    if (w >= image.width) break;
  }
  return widths
    .map((w) => `${imageUrl(image.id, w as RenditionWidth)} ${Math.min(w, image.width)}w`)
    .join(", ");
}
