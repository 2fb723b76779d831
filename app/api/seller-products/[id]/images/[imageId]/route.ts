export const dynamic = "force-dynamic";

import { removeProductImage } from "@/lib/catalog/remove-product-image";
import { inTransaction, route } from "@/lib/http/route";

export const DELETE = route<{ id: string; imageId: string }>(async ({ params, actor }) => {
  await inTransaction((tx) =>
    removeProductImage(tx, actor, { productId: params.id, imageId: params.imageId }),
  );
  return new Response(null, { status: 204 });
});
