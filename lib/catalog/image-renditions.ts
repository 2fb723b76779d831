import { eq } from "drizzle-orm";
import { LRUCache } from "lru-cache";
import sharp from "sharp";
import type { Db } from "@/db/client";
import { productImages } from "@/db/schema";
import { idOrNotFound } from "@/lib/validation";
import { imageNotFound } from "./image-access";
import { renditionWidth, RENDITION_WIDTHS, type RenditionWidth } from "./image-urls";

/** Bumped when the encoding below changes, so that a new rendition never shares an ETag with an old one. */
const ENCODING = "r1";

export type Rendition = { body: Buffer; etag: string; contentType: "image/webp"; width: RenditionWidth };

const MB = 1024 * 1024;
const envInt = (name: string, fallback: number) => {
  const v = Number(process.env[name]);
  return Number.isInteger(v) && v > 0 ? v : fallback;
};

/**
 * Renditions this instance made, so that a hot image is resized once, not per request. Bounded by
 * bytes (HUB_IMAGE_CACHE_MB, 64 by default), least recently used out first. Entries live at most
 * HUB_IMAGE_CACHE_TTL_SECONDS (600): a deleted image stops being served by the other instances within
 * that time (the instance that deleted it forgets it at once).
 */
const cache = new LRUCache<string, Rendition>({
  maxSize: envInt("HUB_IMAGE_CACHE_MB", 64) * MB,
  sizeCalculation: (r) => r.body.byteLength + 256,
  ttl: envInt("HUB_IMAGE_CACHE_TTL_SECONDS", 600) * 1000,
});
/** Renditions being made: concurrent requests for a cold image share one resize. */
const making = new Map<string, Promise<Rendition | null>>();

const key = (id: string, w: RenditionWidth) => `${id}:${w}`;
const etagOf = (sha256: string, w: RenditionWidth) => `"${sha256.slice(0, 32)}-${w}-${ENCODING}"`;

/** Does an If-None-Match header name this ETag (or `*`)? Weak validators compare equal to strong ones here. */
export function matchesEtag(ifNoneMatch: string | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(",").some((t) => {
    const tag = t.trim().replace(/^W\//, "");
    return tag === "*" || tag === etag;
  });
}

export type ServedImage = { notModified: true; etag: string } | ({ notModified: false } & Rendition);

/**
 * A product image at one of the fixed widths (`w` rounds to the nearest), as WebP. Never enlarged:
 * asking for more than the master's width serves the master. Answers "not modified" without loading
 * or resizing anything when the client already holds this rendition. Unknown id: NotFound.
 *
 * Anyone may fetch an image by its id: ids are random (122 bits) and only appear where the product
 * itself may be seen, so a draft's photos cannot be found by guessing; see docs/decisions/0009-product-images.md.
 */
export async function serveImage(
  db: Db,
  rawId: string,
  rawWidth: string | null,
  ifNoneMatch: string | null,
): Promise<ServedImage> {
  const id = idOrNotFound(rawId, imageNotFound);
  const w = renditionWidth(rawWidth);
  const hot = cache.get(key(id, w));
  if (hot)
    return matchesEtag(ifNoneMatch, hot.etag)
      ? { notModified: true, etag: hot.etag }
      : { notModified: false, ...hot };

  if (ifNoneMatch) {
    const [row] = await db
      .select({ sha256: productImages.sha256 })
      .from(productImages)
      .where(eq(productImages.id, id));
    if (!row) throw imageNotFound();
    const etag = etagOf(row.sha256, w);
    if (matchesEtag(ifNoneMatch, etag)) return { notModified: true, etag };
  }

  const k = key(id, w);
  let pending = making.get(k);
  if (!pending) {
    pending = makeRendition(db, id, w).finally(() => making.delete(k));
    making.set(k, pending);
  }
  const made = await pending;
  if (!made) throw imageNotFound();
  return { notModified: false, ...made };
}

async function makeRendition(db: Db, id: string, w: RenditionWidth): Promise<Rendition | null> {
  const [row] = await db
    .select({ bytes: productImages.bytes, width: productImages.width, sha256: productImages.sha256 })
    .from(productImages)
    .where(eq(productImages.id, id));
  if (!row) return null;
  // The master is already WebP: at or below the width asked for, it is the rendition.
  const body =
    row.width <= w
      ? row.bytes
      : await sharp(row.bytes)
          .resize({ width: w, withoutEnlargement: true })
          .webp({ quality: 80, effort: 4 })
          .toBuffer();
  const rendition: Rendition = { body, etag: etagOf(row.sha256, w), contentType: "image/webp", width: w };
  cache.set(key(id, w), rendition);
  return rendition;
}

/** Drops every cached rendition of an image (after it is deleted). */
export function forgetRenditions(id: string) {
  for (const w of RENDITION_WIDTHS) cache.delete(key(id, w));
}
