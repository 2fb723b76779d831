import type { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import { jsonBody, jsonResponse, problems } from "@/lib/openapi/common";
import { SignUpInput } from "./schemas";

export function registerIdentityApi(registry: OpenAPIRegistry) {
  registry.registerPath({
    method: "post",
    path: "/api/signup",
    tags: ["identity"],
    summary: "Create a customer account",
    request: { body: jsonBody(SignUpInput) },
    responses: {
      201: jsonResponse("Created", z.object({ id: z.string(), email: z.string() })),
      ...problems(400, 409, 422, 429),
    },
  });
  registry.registerPath({
    method: "get",
    path: "/api/health",
    tags: ["identity"],
    summary: "Liveness and database reachability",
    responses: {
      200: jsonResponse("Up", z.object({ status: z.literal("ok"), db: z.literal("ok") })),
      503: jsonResponse("Database unreachable", z.object({ status: z.string(), db: z.string() })),
    },
  });
}
