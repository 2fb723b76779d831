export const dynamic = "force-dynamic";

import { inTransaction, json, limit, readJson, route } from "@/lib/http/route";
import { signUp } from "@/lib/identity/sign-up";

export const POST = route(async ({ req }) => {
  await limit({ req, actor: null }, "signup");
  const body = await readJson(req);
  const user = await inTransaction((tx) => signUp(tx, body));
  return json(user, 201);
}, { anonymous: true });
