export const dynamic = "force-dynamic";

import { getDb } from "@/db/client";
import { serveImage } from "@/lib/catalog/image-renditions";
import { route } from "@/lib/http/route";

// An image id never changes content (a new photo is a new id), so every copy may be kept for a year.
const CACHE = "public, max-age=31536000, immutable";

export const GET = route<{ id: string }>(async ({ req, params }) => {
  const served = await serveImage(
    getDb(),
    params.id,
    req.nextUrl.searchParams.get("w"),
    req.headers.get("if-none-match"),
  );
  const headers = { "cache-control": CACHE, etag: served.etag };
  if (served.notModified) return new Response(null, { status: 304, headers });
  return new Response(served.body as Uint8Array<ArrayBuffer>, {
    status: 200,
    headers: {
      ...headers,
      "content-type": served.contentType,
      "content-length": String(served.body.byteLength),
      "x-content-type-options": "nosniff",
    },
  });
});
