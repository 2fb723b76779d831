import { describe, expect, it } from "vitest";
import { AUDIT_ACTIONS } from "@/lib/audit";
import { openApiDocument } from "./document";

describe("the audit part of /api/openapi.json", () => {
  const doc = openApiDocument() as unknown as { paths: Record<string, Record<string, any>> }; // eslint-disable-line @typescript-eslint/no-explicit-any

  it("describes GET /api/audit: its filters, the actions, and who is refused", () => {
    const get = doc.paths["/api/audit"]!.get;
    const params = Object.fromEntries(
      get.parameters.map((p: { name: string; schema: unknown }) => [p.name, p.schema]),
    );
    expect(Object.keys(params).sort()).toEqual(["action", "actorId", "from", "page", "pageSize", "to"]);
    expect(params.action).toMatchObject({ enum: [...AUDIT_ACTIONS] });
    expect(params.actorId).toMatchObject({ format: "uuid" });
    expect(Object.keys(get.responses).sort()).toEqual(["200", "401", "403", "422"]);
  });
});
