import { describe, expect, it } from "vitest";
import { call } from "@/test/http";
import { GET } from "./route";

describe("GET /api/openapi.json", () => {
  it("describes the API from the zod schemas", async () => {
    const res = await call(GET);
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe("3.1.0");
    const signup = res.body.paths["/api/signup"].post;
    expect(signup.requestBody.content["application/json"].schema.required).toEqual(
      expect.arrayContaining(["email", "password", "name"]),
    );
    expect(signup.requestBody.content["application/json"].schema.additionalProperties).toBe(false);
  });
});
