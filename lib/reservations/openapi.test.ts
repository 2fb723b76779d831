import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openApiDocument } from "@/lib/openapi/document";

/** Every reservations route file, as the OpenAPI path it serves (`[id]` → `{id}`). */
const routes = ["app/api/reservations", "app/api/reservables"].flatMap((dir) =>
  (readdirSync(dir, { recursive: true }) as string[])
    .filter((f) => path.basename(f) === "route.ts")
    .map((f) =>
      `/${path
        .join(dir, path.dirname(f))
        .replace(/^app\//, "")
        .replace(/\/\.$/, "")}`.replace(/\[(\w+)\]/g, "{$1}"),
    ),
);

describe("/api/openapi.json for reservations", () => {
  it.each(routes)("documents %s", (p) => {
    const doc = openApiDocument();
    expect(Object.keys(doc.paths ?? {})).toContain(p);
  });

  it("describes the request body from the same strict schema the verb parses", () => {
    const doc = openApiDocument();
    const post = doc.paths!["/api/reservations"]!.post!;
    const schema = (
      post.requestBody as {
        content: Record<string, { schema: { required?: string[]; additionalProperties?: boolean } }>;
      }
    ).content["application/json"]!.schema;
    expect(schema.required).toEqual(["reservableId"]);
    expect(schema.additionalProperties).toBe(false);
    expect(Object.keys(post.responses ?? {})).toContain("202");
  });
});
