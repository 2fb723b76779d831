export const dynamic = "force-dynamic";

import { PRODUCT_STEPS } from "@/lib/catalog/transition-product";
import { NotFound } from "@/lib/errors";
import { inTransaction, json, readJson, route } from "@/lib/http/route";

/** POST …/submit | approve | send-back | publish | pause | discontinue. */
export const POST = route<{ id: string; step: string }>(async ({ req, params, actor }) => {
  const step = Object.hasOwn(PRODUCT_STEPS, params.step)
    ? PRODUCT_STEPS[params.step as keyof typeof PRODUCT_STEPS]
    : null;
  if (!step) throw new NotFound("request.unknown_path", "No such product step.");
  const body = await readJson(req);
  return json(await inTransaction((tx) => step(tx, actor, params.id, body)));
});
