import { request, type APIRequestContext } from "@playwright/test";
import { DEMO_PASSWORD, expect } from "./fixtures";

/** An API client signed in as a demo account (its session cookie kept), apart from any page. */
export async function apiAs(baseURL: string, email: string): Promise<APIRequestContext> {
  const ctx = await request.newContext({ baseURL });
  const { csrfToken } = (await (await ctx.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const res = await ctx.post("/api/auth/callback/credentials", {
    form: { csrfToken, email, password: DEMO_PASSWORD, json: "true" },
  });
  expect(res.ok()).toBeTruthy();
  return ctx;
}

/** A row of GET /api/locations/{id}/stock. */
export type StockRow = {
  variantId: string;
  sku: string;
  onHand: number;
  reserved: number;
  available: number;
};

/** The locations the signed-in member of staff may see (GET /api/locations), as a lookup of id by code. */
export async function locationIds(api: APIRequestContext): Promise<(code: string) => string> {
  const locations = (await (await api.get("/api/locations")).json()) as { id: string; code: string }[];
  return (code) => {
    const found = locations.find((l) => l.code === code);
    if (!found) throw new Error(`no location ${code} in GET /api/locations`);
    return found.id;
  };
}

/** What a location holds, by variant (GET /api/locations/{id}/stock, which must answer 200). */
export async function stockAt(api: APIRequestContext, locationId: string): Promise<StockRow[]> {
  const res = await api.get(`/api/locations/${locationId}/stock`);
  expect(res.ok()).toBeTruthy();
  return (await res.json()) as StockRow[];
}
