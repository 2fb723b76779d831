import { NextRequest } from "next/server";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { uploadProductImage } from "@/lib/catalog/add-product-image";
import { setupTestDb } from "@/test/db";
import { call } from "@/test/http";
import { makeProduct, makeStaff, picture } from "@/test/image-fixtures";
import { DELETE } from "@/app/api/seller-products/[id]/images/[imageId]/route";
import { GET } from "./route";

const t = setupTestDb();
let image: { id: string; productId: string };
let seller: Awaited<ReturnType<typeof makeStaff>>;
beforeAll(async () => {
  seller = await makeStaff(t.db);
  const product = await makeProduct(t.db, seller);
  // 1600 × 1000 stored: every rendition width but the master's own is a real resize.
  const stored = await uploadProductImage(getDb(), seller, product.id, await picture(2000, 1250, "jpeg"));
  image = { id: stored.id, productId: product.id };
});

/** The handler's raw answer (the body is binary). */
async function fetchImage(id: string, query = "", headers: Record<string, string> = {}) {
  const req = new NextRequest(new URL(`/api/images/${id}${query}`, "http://localhost:3000"), { headers });
  const res = await GET(req, { params: Promise.resolve({ id }) });
  return { res, body: Buffer.from(await res.arrayBuffer()) };
}

describe("GET /api/images/{id}", () => {
  it("serves a resized WebP at each allowed width, cacheable for a year, with an ETag", async () => {
    for (const [w, height] of [
      [160, 100],
      [320, 200],
      [640, 400],
      [1280, 800],
    ] as const) {
      const { res, body } = await fetchImage(image.id, `?w=${w}`);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("image/webp");
      expect(res.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
      expect(res.headers.get("etag")).toMatch(new RegExp(`^"[0-9a-f]{32}-${w}-r1"$`));
      expect(Number(res.headers.get("content-length"))).toBe(body.byteLength);
      expect(await sharp(body).metadata()).toMatchObject({ format: "webp", width: w, height });
    }
  });

  it("answers any other width with the nearest allowed one, and no width with 640", async () => {
    const width = async (q: string) => (await sharp((await fetchImage(image.id, q)).body).metadata()).width;
    expect(await width("?w=300")).toBe(320);
    expect(await width("?w=99999")).toBe(1280);
    expect(await width("?w=abc")).toBe(640);
    expect(await width("")).toBe(640);
  });

  it("is 304 with no body when If-None-Match names the ETag (hot or cold), 200 otherwise", async () => {
    const first = await fetchImage(image.id, "?w=320");
    const etag = first.res.headers.get("etag")!;
    const again = await fetchImage(image.id, "?w=320", { "if-none-match": etag });
    expect(again.res.status).toBe(304);
    expect(again.body.byteLength).toBe(0);
    expect(again.res.headers.get("etag")).toBe(etag);
    expect(again.res.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect((await fetchImage(image.id, "?w=320", { "if-none-match": `"other", W/${etag}` })).res.status).toBe(
      304,
    );
    // Not made yet at this width: the ETag is known from the database without resizing anything.
    const coldEtag = etag.replace("-320-", "-160-");
    expect((await fetchImage(image.id, "?w=160", { "if-none-match": coldEtag })).res.status).toBe(304);
    expect((await fetchImage(image.id, "?w=320", { "if-none-match": '"stale"' })).res.status).toBe(200);
  });

  it("serves the same bytes to concurrent requests of a cold rendition", async () => {
    const many = await Promise.all(Array.from({ length: 6 }, () => fetchImage(image.id, "?w=1280")));
    expect(new Set(many.map((m) => m.body.toString("base64"))).size).toBe(1);
  });

  it("is 404 problem+json for an unknown or malformed id, and once the image is deleted", async () => {
    const unknown = await call(GET, { params: { id: "00000000-0000-4000-8000-000000000000" } });
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get("content-type")).toBe("application/problem+json");
    expect((await call(GET, { params: { id: "../../etc/passwd" } })).status).toBe(404);

    expect((await fetchImage(image.id, "?w=640")).res.status).toBe(200); // now hot in this instance
    const del = await call(DELETE, {
      method: "DELETE",
      params: { id: image.productId, imageId: image.id },
      as: seller,
    });
    expect(del.status).toBe(204);
    expect((await fetchImage(image.id, "?w=640")).res.status).toBe(404);
  });
});
