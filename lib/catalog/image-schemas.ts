import { z } from "zod";
// No sharp here (nor anything that imports it): the catalog's response schemas, which pages share,
// include ProductImageSchema. AddProductImageInput, which names ImageMaster, lives beside its verb.
import { Id } from "@/lib/validation";
import { IMAGE_RULES } from "./image-urls";

/** A product id from a path: only checked to be a string here; the loader answers NotFound for a bad one. */
export const PathId = z.string();

export const RemoveProductImageInput = z.object({ productId: PathId, imageId: PathId }).strict();
export type RemoveProductImageInput = z.infer<typeof RemoveProductImageInput>;

/** PUT …/images/order: every image of the product, each once, in the order wanted. */
export const ReorderImagesBody = z
  .object({
    ids: z
      .array(Id, { error: "Must be a list of image ids." })
      .min(1, { error: "List the product's images." })
      .max(IMAGE_RULES.perProduct, { error: `A product has at most ${IMAGE_RULES.perProduct} images.` })
      .refine((ids) => new Set(ids).size === ids.length, { error: "List each image once." })
      .describe("Every image id of the product, each once, first image first"),
  })
  .strict();
export const ReorderProductImagesInput = ReorderImagesBody.extend({ productId: PathId }).strict();
export type ReorderProductImagesInput = z.infer<typeof ReorderProductImagesInput>;

// ——— What the API answers (also the OpenAPI response schemas) ———

export const ProductImageSchema = z
  .object({
    id: z.string(),
    url: z.string().describe("The image 640 px wide; change `w` (160, 320, 640 or 1280) for another width"),
    width: z.number().int().describe("px, of the stored master"),
    height: z.number().int().describe("px, of the stored master"),
    position: z.number().int().describe("0 is the product's main image"),
  })
  .meta({ id: "ProductImage" });
export type ProductImage = z.infer<typeof ProductImageSchema>;
