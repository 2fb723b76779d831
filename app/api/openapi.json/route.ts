export const dynamic = "force-dynamic";

import { json, route } from "@/lib/http/route";
import { openApiDocument } from "@/lib/openapi/document";

export const GET = route(async () => json(openApiDocument()));
