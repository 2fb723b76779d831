import { eq, sql } from "drizzle-orm";
import sharp from "sharp";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { productImages } from "@/db/schema";
import type { UserActor } from "@/lib/auth/actor";
import { setupTestDb } from "@/test/db";
import { makeCustomer } from "@/test/factories";
import { call } from "@/test/http";
import { makeProduct, makeStaff, picture, uploadForm } from "@/test/image-fixtures";
import { GET, POST } from "./route";

const t = setupTestDb();
let seller: UserActor;
let otherSeller: UserActor;
let png: Buffer;
beforeAll(async () => {
  otherSeller = await makeStaff(t.db, "seller");
  png = await picture(900, 600);
});
// A seller per test: uploads count against the per-account creation limit (30 a minute).
beforeEach(async () => {
  seller = await makeStaff(t.db, "seller");
});

const imagesOf = (productId: string) =>
  t.db.select().from(productImages).where(eq(productImages.productId, productId));
const upload = (productId: string, as: UserActor | null, form: FormData = uploadForm(png)) =>
  call(POST, { method: "POST", params: { id: productId }, as, form });

describe("POST /api/seller-products/{id}/images", () => {
  it("stores the upload as a WebP master and answers 201 { id, url, width, height, position }", async () => {
    const product = await makeProduct(t.db, seller);
    const res = await upload(product.id, seller);
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      url: `/api/images/${res.body.id}?w=640`,
      width: 900,
      height: 600,
      position: 0,
    });
    const [row] = await imagesOf(product.id);
    expect(row).toMatchObject({
      id: res.body.id,
      contentType: "image/webp",
      width: 900,
      height: 600,
      position: 0,
      createdBy: seller.id,
    });
    expect((await sharp(row!.bytes).metadata()).format).toBe("webp");
    expect(row!.byteSize).toBe(row!.bytes.byteLength);

    const jpeg = await upload(
      product.id,
      seller,
      uploadForm(await picture(2400, 1200, "jpeg"), "big.jpg", "image/jpeg"),
    );
    expect(jpeg.body).toMatchObject({ width: 1600, height: 800, position: 1 });
  });

  it("takes a JPEG sent as image/png and named .png: the bytes decide", async () => {
    const product = await makeProduct(t.db, seller);
    const res = await upload(
      product.id,
      seller,
      uploadForm(await picture(300, 300, "jpeg"), "looks-like.png", "image/png"),
    );
    expect(res.status).toBe(201);
  });

  it("refuses text named photo.png as 415 problem+json naming the accepted formats, and stores nothing", async () => {
    const product = await makeProduct(t.db, seller);
    const res = await upload(
      product.id,
      seller,
      uploadForm(Buffer.from("hello, I am a text file"), "photo.png", "image/png"),
    );
    expect(res.status).toBe(415);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(res.body).toMatchObject({
      status: 415,
      code: "image.unsupported_type",
      detail: expect.stringMatching(/JPEG, PNG, WebP or AVIF/),
    });
    expect(await imagesOf(product.id)).toEqual([]);
  });

  it("refuses over 5 MB as 413, by Content-Length before reading and by the file's own size", async () => {
    const product = await makeProduct(t.db, seller);
    const declared = await call(POST, {
      method: "POST",
      params: { id: product.id },
      as: seller,
      rawBody: "--x\r\n",
      headers: {
        "content-type": "multipart/form-data; boundary=x",
        "content-length": String(50 * 1024 * 1024),
      },
    });
    expect(declared.status).toBe(413);
    const big = uploadForm(new Uint8Array(6 * 1024 * 1024), "huge.png");
    const res = await upload(product.id, seller, big);
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({
      status: 413,
      code: "image.too_large",
      maxBytes: 5 * 1024 * 1024,
      detail: expect.stringMatching(/5 MB/),
    });
    // Just over the limit: inside the multipart envelope's allowance, refused by the file's size.
    const over = await upload(product.id, seller, uploadForm(new Uint8Array(5 * 1024 * 1024 + 10)));
    expect(over.status).toBe(413);
    expect(over.body.detail).toMatch(/5\.0 MB; images may be at most 5 MB/);
    expect(await imagesOf(product.id)).toEqual([]);
  });

  it("refuses a body that is not multipart (415), no file or two (422), and unknown fields (422)", async () => {
    const product = await makeProduct(t.db, seller);
    const asJson = await call(POST, {
      method: "POST",
      params: { id: product.id },
      as: seller,
      body: { file: "x" },
    });
    expect(asJson.status).toBe(415);
    expect(asJson.body.code).toBe("request.not_multipart");
    const none = new FormData();
    none.append("file", "just text");
    expect((await upload(product.id, seller, none)).body).toMatchObject({
      status: 422,
      errors: { file: expect.any(String) },
    });
    const two = uploadForm(png);
    two.append("file", new File([new Uint8Array(png)], "b.png"));
    expect((await upload(product.id, seller, two)).status).toBe(422);
    const extra = uploadForm(png);
    extra.append("caption", "hi");
    expect((await upload(product.id, seller, extra)).body).toMatchObject({
      status: 422,
      errors: { caption: "Unknown field." },
    });
    expect(await imagesOf(product.id)).toEqual([]);
  });

  it("refuses absurd dimensions as 422 naming `file`", async () => {
    const product = await makeProduct(t.db, seller);
    const res = await upload(product.id, seller, uploadForm(await picture(20, 20)));
    expect(res.body).toMatchObject({
      status: 422,
      code: "image.dimensions",
      errors: { file: expect.stringMatching(/20 × 20 px/) },
    });
  });

  it("keeps at most 8 images: the ninth is 409 and not stored", async () => {
    const product = await makeProduct(t.db, seller);
    for (let i = 0; i < 8; i++) expect((await upload(product.id, seller)).status).toBe(201);
    const ninth = await upload(product.id, seller);
    expect(ninth.status).toBe(409);
    expect(ninth.body).toMatchObject({ code: "product_image.limit", max: 8 });
    const rows = await imagesOf(product.id);
    expect(rows.map((r) => r.position).sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it("refuses: 401 signed out, 403 customers and dealers, 404 another seller's product or an unknown id; nothing written", async () => {
    const product = await makeProduct(t.db, seller);
    const before = await t.db.execute(sql`select count(*)::int as n from product_images`);
    expect((await upload(product.id, null)).status).toBe(401);
    expect((await upload(product.id, await makeCustomer(t.db))).status).toBe(403);
    expect((await upload(product.id, await makeStaff(t.db, "dealer"))).status).toBe(403);
    const stranger = await upload(product.id, otherSeller);
    expect(stranger.status).toBe(404);
    expect(stranger.body).toMatchObject({ code: "product.not_found" });
    expect((await upload("00000000-0000-4000-8000-000000000000", seller)).status).toBe(404);
    expect((await upload("not-an-id", seller)).status).toBe(404);
    expect(await t.db.execute(sql`select count(*)::int as n from product_images`)).toEqual(before);
  });

  it("refuses a discontinued product's images (409); any other state takes them", async () => {
    for (const status of ["in_review", "approved", "on_sale", "paused"] as const) {
      expect((await upload((await makeProduct(t.db, seller, status)).id, seller)).status).toBe(201);
    }
    const gone = await upload((await makeProduct(t.db, seller, "discontinued")).id, seller);
    expect(gone.body).toMatchObject({ status: 409, code: "product.not_editable" });
  });
});

describe("GET /api/seller-products/{id}/images", () => {
  it("lists them in order for the seller and for marketing; 404 for another seller, 403 a customer, 401 signed out", async () => {
    const product = await makeProduct(t.db, seller, "in_review");
    const a = (await upload(product.id, seller)).body;
    const b = (await upload(product.id, seller)).body;
    const mine = await call(GET, { params: { id: product.id }, as: seller });
    expect(mine.status).toBe(200);
    expect(mine.body).toEqual([a, b]);
    expect(
      (await call(GET, { params: { id: product.id }, as: await makeStaff(t.db, "marketing") })).body,
    ).toEqual([a, b]);
    expect((await call(GET, { params: { id: product.id }, as: otherSeller })).status).toBe(404);
    expect((await call(GET, { params: { id: product.id }, as: await makeCustomer(t.db) })).status).toBe(403);
    expect((await call(GET, { params: { id: product.id } })).status).toBe(401);
  });
});
