export const dynamic = "force-dynamic";

import { route } from "@/lib/http/route";
import { NotFound } from "@/lib/errors";

/** Any path under /api/ that no route answers: 404 problem+json (API.md), never the HTML 404 page. */
const unknown = route<{ path: string[] }>(
  async ({ req }) => {
    throw new NotFound("request.unknown_path", `There is no ${req.nextUrl.pathname} in the API.`);
  },
  { anonymous: true },
);
export { unknown as GET, unknown as POST, unknown as PUT, unknown as PATCH, unknown as DELETE };
