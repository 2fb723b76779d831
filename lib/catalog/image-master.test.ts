import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { Invalid, PayloadTooLarge, UnsupportedMediaType } from "@/lib/errors";
import { ImageMaster, normalizeImage } from "./image-master";

const solid = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: "#3366ff" } });

describe("normalizeImage", () => {
  it("turns a JPEG into an upright WebP master without its EXIF (orientation, camera, GPS)", async () => {
    // 400 × 200 as stored, tagged "rotate 90°", with a camera maker and a GPS position.
    const jpeg = await solid(400, 200)
      .jpeg()
      .withMetadata({ orientation: 6 })
      .withExif({ IFD0: { Make: "PhoneCo" }, IFD3: { GPSLatitudeRef: "N", GPSLatitude: "37/1 33/1 0/1" } })
      .toBuffer();
    expect((await sharp(jpeg).metadata()).exif).toBeDefined();

    const master = await normalizeImage(jpeg);
    expect(master).toMatchObject({
      contentType: "image/webp",
      width: 200,
      height: 400,
      sourceFormat: "JPEG",
    });
    const meta = await sharp(master.bytes).metadata();
    expect(meta).toMatchObject({ format: "webp", width: 200, height: 400 });
    expect(meta.exif).toBeUndefined();
    expect(meta.xmp).toBeUndefined();
    expect(meta.orientation).toBeUndefined();
    expect(master.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it("shrinks a large PNG to 1600 px on its long side, and never enlarges a small one", async () => {
    const big = await normalizeImage(await solid(3200, 1800).png().toBuffer());
    expect([big.width, big.height]).toEqual([1600, 900]);
    const small = await normalizeImage(await solid(300, 500).webp().toBuffer());
    expect([small.width, small.height, small.sourceFormat]).toEqual([300, 500, "WebP"]);
  });

  it("accepts AVIF", async () => {
    const avif = await normalizeImage(await solid(120, 80).avif().toBuffer());
    expect(avif).toMatchObject({ width: 120, height: 80, sourceFormat: "AVIF" });
  });

  it("judges the bytes, not the name: text, GIF and SVG are 415 naming what they are", async () => {
    const text = normalizeImage(Buffer.from("definitely not a picture, whatever the file is called"));
    await expect(text).rejects.toBeInstanceOf(UnsupportedMediaType);
    await expect(text).rejects.toMatchObject({
      code: "image.unsupported_type",
      message: expect.stringMatching(/JPEG, PNG, WebP or AVIF/),
    });
    const gif = await solid(50, 50).gif().toBuffer();
    await expect(normalizeImage(gif)).rejects.toMatchObject({
      status: 415,
      meta: { detected: "gif" },
      message: expect.stringMatching(/GIF/),
    });
    const svg = Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100"><rect width="100" height="100"/></svg>',
    );
    await expect(normalizeImage(svg)).rejects.toMatchObject({ status: 415, meta: { detected: "svg" } });
  });

  it("refuses a damaged file as 415, an empty one as 422", async () => {
    const jpeg = await solid(400, 300).jpeg().toBuffer();
    await expect(normalizeImage(jpeg.subarray(0, jpeg.length >> 1))).rejects.toMatchObject({ status: 415 });
    await expect(normalizeImage(new Uint8Array())).rejects.toMatchObject({
      status: 422,
      code: "image.empty",
    });
  });

  it("refuses more than 5 MB as 413, saying the limit", async () => {
    const err = await normalizeImage(new Uint8Array(5 * 1024 * 1024 + 1)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PayloadTooLarge);
    expect(err).toMatchObject({
      status: 413,
      code: "image.too_large",
      meta: { maxBytes: 5 * 1024 * 1024 },
      message: expect.stringMatching(/5 MB/),
    });
  });

  it("refuses absurd dimensions (too small to show, too large to decode) as 422 on `file`, from the header alone", async () => {
    const tiny = await normalizeImage(await solid(10, 10).png().toBuffer()).catch((e: unknown) => e);
    expect(tiny).toBeInstanceOf(Invalid);
    expect(tiny).toMatchObject({
      code: "image.dimensions",
      errors: { file: expect.stringMatching(/10 × 10 px/) },
    });
    // A 20,000 px wide PNG is a few KB on disk: the header gives it away before anything is decoded.
    const wide = await solid(20_000, 100).png().toBuffer();
    await expect(normalizeImage(wide)).rejects.toMatchObject({ status: 422, code: "image.dimensions" });
    const huge = await solid(8000, 8000).png({ compressionLevel: 1 }).toBuffer(); // 64 megapixels
    await expect(normalizeImage(huge)).rejects.toMatchObject({ status: 422, code: "image.dimensions" });
  });

  it("is the only maker of an ImageMaster", () => {
    expect(() => new ImageMaster(Symbol("ImageMaster"), Buffer.from("x"), 1, 1, "PNG")).toThrow(
      /normalizeImage/,
    );
  });
});
