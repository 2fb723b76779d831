import type { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import { jsonBody, jsonResponse, problems } from "@/lib/openapi/common";
import { ProductImageSchema, ReorderImagesBody } from "./image-schemas";
import { DEFAULT_WIDTH, IMAGE_RULES, RENDITION_WIDTHS } from "./image-urls";

const ProductParam = z.object({ id: z.string().describe("The product id") });
const MB = 1024 * 1024;
const who = "The staff of the seller that owns the product; another seller's product is 404.";

/** The product image endpoints of /api/openapi.json. */
export function registerImagesApi(registry: OpenAPIRegistry) {
  registry.registerPath({
    method: "get",
    path: "/api/seller-products/{id}/images",
    tags: ["seller products"],
    summary: "A product's images, main image first",
    description: "The product's seller (any state) and marketing (any product).",
    request: { params: ProductParam },
    responses: { 200: jsonResponse("The images", z.array(ProductImageSchema)), ...problems(401, 403, 404) },
  });
  registry.registerPath({
    method: "post",
    path: "/api/seller-products/{id}/images",
    tags: ["seller products"],
    summary: "Upload an image (it goes last)",
    description: `${who} multipart/form-data with one field \`file\`: a JPEG, PNG, WebP or AVIF of at most ${IMAGE_RULES.maxBytes / MB} MB, judged by its bytes (not its name or Content-Type), each side ${IMAGE_RULES.minSide}–${IMAGE_RULES.maxSide} px, at most ${IMAGE_RULES.maxPixels / 1_000_000} megapixels. It is stored upright, without its metadata (EXIF, GPS), as WebP of at most ${IMAGE_RULES.masterSide} px on its long side. At most ${IMAGE_RULES.perProduct} images a product; a discontinued product's images do not change (409). Counts as a creation for the rate limits.`,
    request: {
      params: ProductParam,
      body: {
        required: true,
        content: {
          "multipart/form-data": {
            schema: z.object({ file: z.string().meta({ format: "binary" }).describe("The image file") }),
          },
        },
      },
    },
    responses: {
      201: jsonResponse("The stored image", ProductImageSchema),
      ...problems(400, 401, 403, 404, 409, 413, 415, 422, 429),
    },
  });
  registry.registerPath({
    method: "delete",
    path: "/api/seller-products/{id}/images/{imageId}",
    tags: ["seller products"],
    summary: "Delete an image; the ones after it move up",
    description: who,
    request: { params: ProductParam.extend({ imageId: z.string().describe("The image id") }) },
    responses: { 204: { description: "Deleted" }, ...problems(401, 403, 404, 409) },
  });
  registry.registerPath({
    method: "put",
    path: "/api/seller-products/{id}/images/order",
    tags: ["seller products"],
    summary: "Put the images in a new order (the first is the main image)",
    description: `${who} \`ids\` must name every image of the product exactly once (422 \`product_image.order_mismatch\` otherwise: reload and retry).`,
    request: { params: ProductParam, body: jsonBody(ReorderImagesBody) },
    responses: {
      200: jsonResponse("The images in their new order", z.array(ProductImageSchema)),
      ...problems(400, 401, 403, 404, 409, 422),
    },
  });
  registry.registerPath({
    method: "get",
    path: "/api/images/{id}",
    tags: ["catalog"],
    summary: "A product image, resized, as WebP",
    description:
      "Anyone, by the image's id (random, and only shown where the product may be seen). Never enlarged. `Cache-Control: public, max-age=31536000, immutable` (an id's picture never changes) and an `ETag`; 304 on a matching `If-None-Match`.",
    request: {
      params: z.object({ id: z.string().describe("The image id") }),
      query: z.object({
        w: z
          .string()
          .optional()
          .describe(
            `Width in px: ${RENDITION_WIDTHS.join(", ")}; any other number is served at the nearest of these; default ${DEFAULT_WIDTH}`,
          ),
      }),
    },
    responses: {
      200: {
        description: "The image",
        content: { "image/webp": { schema: z.string().meta({ format: "binary" }) } },
      },
      304: { description: "Not modified: the client's copy (If-None-Match) is current" },
      ...problems(404),
    },
  });
}
