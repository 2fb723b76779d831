import { z } from "zod";
import type { Db, Tx } from "@/db/client";
import { productImages } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import type { Actor } from "@/lib/auth/actor";
import { requireUser } from "@/lib/auth/policy";
import { Conflict } from "@/lib/errors";
import { assertImagesEditable, sellersOwnProduct } from "./image-access";
import { ImageMaster, normalizeImage } from "./image-master";
import { imageColumns, imageCount, toProductImage } from "./image-queries";
import { touchProduct } from "./product-history";
import { PathId, type ProductImage } from "./image-schemas";
import { IMAGE_RULES } from "./image-urls";

/** The image must have come from normalizeImage(): a verb never stores bytes sharp has not rewritten. */
const AddProductImageInput = z
  .object({
    productId: PathId,
    image: z.custom<ImageMaster>(ImageMaster.is, {
      error: "Must be an image normalized by normalizeImage().",
    }),
  })
  .strict();

function full() {
  return new Conflict(
    "product_image.limit",
    `A product has at most ${IMAGE_RULES.perProduct} images: remove one before adding another.`,
    { max: IMAGE_RULES.perProduct },
  );
}

/**
 * Stores an already normalized image as the last of the product's images. Only the staff of the seller
 * that owns the product; at most IMAGE_RULES.perProduct images. Under the product's row lock, so that
 * two uploads at once cannot both take the last place or the same position.
 */
export async function addProductImage(tx: Tx, actor: Actor | null, raw: unknown): Promise<ProductImage> {
  const user = requireUser(actor, "product:manage:own");
  const input = AddProductImageInput.parse(raw);
  const product = await sellersOwnProduct(tx, user, input.productId, { lock: true });
  assertImagesEditable(product);
  const position = await imageCount(tx, product.id);
  if (position >= IMAGE_RULES.perProduct) throw full();
  const { image } = input;
  const [row] = await tx
    .insert(productImages)
    .values({
      productId: product.id,
      position,
      contentType: image.contentType,
      width: image.width,
      height: image.height,
      byteSize: image.bytes.byteLength,
      bytes: image.bytes,
      sha256: image.sha256,
      createdBy: user.id,
    })
    .returning(imageColumns);
  await touchProduct(tx, product.id);
  await recordAudit(tx, user, {
    action: "product.add_image",
    targetType: "product",
    targetId: product.id,
    detail: { imageId: row!.id, position },
  });
  return toProductImage(row!);
}

/**
 * An upload from either door (the API's multipart POST, the editor's server action): who and where
 * are checked first, cheaply, so that a stranger's or a full product costs no image decoding; then the
 * bytes are checked and normalized outside any transaction (sharp takes up to a second on a phone photo), and a
 * short transaction stores the result, checking everything again under the lock.
 */
export async function uploadProductImage(
  db: Db,
  actor: Actor | null,
  productId: string,
  file: Uint8Array,
): Promise<ProductImage> {
  const user = requireUser(actor, "product:manage:own");
  const product = await sellersOwnProduct(db, user, productId, { lock: false });
  assertImagesEditable(product);
  if ((await imageCount(db, product.id)) >= IMAGE_RULES.perProduct) throw full();
  const image = await normalizeImage(file);
  return db.transaction((tx) => addProductImage(tx, user, { productId: product.id, image }));
}
