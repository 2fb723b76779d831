export const dynamic = "force-dynamic";

import { getDb } from "@/db/client";
import { uploadProductImage } from "@/lib/catalog/add-product-image";
import { listProductImages } from "@/lib/catalog/image-queries";
import { IMAGE_RULES } from "@/lib/catalog/image-urls";
import { json, limit, route } from "@/lib/http/route";
import { readUpload } from "@/lib/http/upload";

export const GET = route<{ id: string }>(async ({ params, actor }) =>
  json(await listProductImages(getDb(), actor, params.id)),
);

export const POST = route<{ id: string }>(async (ctx) => {
  await limit(ctx, "create");
  const file = await readUpload(ctx.req, { field: "file", maxBytes: IMAGE_RULES.maxBytes });
  return json(await uploadProductImage(getDb(), ctx.actor, ctx.params.id, file), 201);
});
