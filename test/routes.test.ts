import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const routes = (readdirSync("app/api", { recursive: true }) as string[])
  .filter((f) => path.basename(f) === "route.ts" && !f.includes("[...nextauth]"))
  .map((f) => path.join("app/api", f));

describe("every route handler file", () => {
  it.each(routes)("%s is dynamic and goes through the route wrapper", (file) => {
    const src = readFileSync(file, "utf8");
    expect(src).toMatch(/export const dynamic = "force-dynamic";/);
    expect(src).toMatch(/= route(<[^>]*>)?\(/);
    // Doors stay thin: no database or schema imports in app/.
    expect(src).not.toMatch(/from "drizzle-orm|from "@\/db\/schema/);
  });
});
