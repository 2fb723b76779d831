import { createHash } from "node:crypto";
import sharp, { type Metadata } from "sharp";
import { Invalid, PayloadTooLarge, UnsupportedMediaType } from "@/lib/errors";
import { formatFor } from "@/lib/format";
import { IMAGE_RULES } from "./image-urls";

/** The formats a seller may upload, by the decoder sharp picked from the bytes (HEIF is AVIF only when AV1). */
const ACCEPTED: Record<string, string> = { jpeg: "JPEG", png: "PNG", webp: "WebP", avif: "AVIF" };
const ACCEPTED_LIST = "JPEG, PNG, WebP or AVIF";

const MB = 1024 * 1024;

// Held by this module only: nothing else can construct an ImageMaster.
const MADE_HERE = Symbol("ImageMaster");

/**
 * An upload after normalization: upright, stripped of its metadata (EXIF, GPS, XMP), in sRGB, as WebP
 * of at most IMAGE_RULES.masterSide px on its long side. Only normalizeImage() makes one, so a verb
 * that is handed an ImageMaster knows its bytes went through sharp (and never stores a raw upload).
 */
export class ImageMaster {
  readonly contentType = "image/webp";
  /** SHA-256 of `bytes`, hex. */
  readonly sha256: string;
  constructor(
    token: symbol,
    readonly bytes: Buffer,
    readonly width: number,
    readonly height: number,
    /** What was uploaded: JPEG, PNG, WebP or AVIF. */
    readonly sourceFormat: string,
  ) {
    if (token !== MADE_HERE) throw new Error("An ImageMaster is made by normalizeImage() only.");
    this.sha256 = createHash("sha256").update(bytes).digest("hex");
  }

  static is(value: unknown): value is ImageMaster {
    return value instanceof ImageMaster;
  }
}

/**
 * Checks an upload by its content and turns it into the stored master. CPU work (up to a second for
 * a large phone photo): call it before opening the transaction that stores the result, never inside one.
 *
 * Refuses, each with a sentence a seller can act on: an empty file (422), one over the size limit
 * (413), bytes that are not an accepted image whatever the file is called (415), and dimensions too
 * small to show or so large that decoding them would exhaust memory (422, checked from the header
 * before any pixel is decoded).
 */
export async function normalizeImage(input: Uint8Array): Promise<ImageMaster> {
  if (input.byteLength === 0)
    throw new Invalid({ file: "The file is empty." }, "The file is empty.", "image.empty");
  if (input.byteLength > IMAGE_RULES.maxBytes) {
    throw new PayloadTooLarge(
      "image.too_large",
      `The image is ${(input.byteLength / MB).toFixed(1)} MB; images may be at most ${IMAGE_RULES.maxBytes / MB} MB.`,
      { maxBytes: IMAGE_RULES.maxBytes },
    );
  }
  const bytes = Buffer.from(input.buffer, input.byteOffset, input.byteLength);

  let meta: Metadata;
  try {
    meta = await sharp(bytes).metadata();
  } catch {
    throw notAnImage();
  }
  const format = meta.format === "heif" ? (meta.compression === "av1" ? "avif" : "heic") : meta.format;
  const label = ACCEPTED[format];
  if (!label) throw notAnImage(format);

  const { width, height } = meta.autoOrient;
  const { minSide, maxSide, maxPixels } = IMAGE_RULES;
  if (Math.min(width, height) < minSide || Math.max(width, height) > maxSide || width * height > maxPixels) {
    const message = `The image is ${width} × ${height} px; each side must be from ${minSide} to ${formatFor("en").number(maxSide)} px, and at most ${maxPixels / 1_000_000} megapixels in all.`;
    throw new Invalid({ file: message }, message, "image.dimensions");
  }

  try {
    // failOn "error": a truncated upload is refused rather than stored half grey. No withMetadata():
    // the output carries no EXIF/GPS/XMP; autoOrient applies the EXIF rotation before it is dropped.
    const { data, info } = await sharp(bytes, {
      autoOrient: true,
      failOn: "error",
      limitInputPixels: maxPixels,
    })
      .resize({
        width: IMAGE_RULES.masterSide,
        height: IMAGE_RULES.masterSide,
        fit: "inside",
        withoutEnlargement: true,
      })
      .webp({ quality: 86, effort: 4 })
      .toBuffer({ resolveWithObject: true });
    return new ImageMaster(MADE_HERE, data, info.width, info.height, label);
  } catch {
    throw new UnsupportedMediaType(
      "image.unreadable",
      `The ${label} file is damaged or incomplete and could not be read.`,
    );
  }
}

function notAnImage(detected?: string) {
  const what = detected ? `a ${detected.toUpperCase()} file` : "not an image we can read";
  return new UnsupportedMediaType(
    "image.unsupported_type",
    `The file is ${what}; upload a ${ACCEPTED_LIST} image.`,
    detected ? { detected } : undefined,
  );
}
