import { test as base, expect, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "demo-password";
export const DEMO = {
  customer: "customer@demo.test",
  customer2: "customer2@demo.test",
  dealer: "dealer@demo.test",
  dealer2: "dealer2@demo.test",
  marketing: "marketing@demo.test",
  seller: "seller@demo.test",
  seller2: "seller2@demo.test",
} as const;
export type DemoAccount = keyof typeof DEMO;

/** Signs the page's browser context in through the Auth.js credentials flow (the API.md one). */
export async function signInAs(page: Page, who: DemoAccount | { email: string; password: string }) {
  const email = typeof who === "string" ? DEMO[who] : who.email;
  const password = typeof who === "string" ? DEMO_PASSWORD : who.password;
  const { csrfToken } = (await (await page.request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const res = await page.request.post("/api/auth/callback/credentials", {
    form: { csrfToken, email, password, json: "true" },
  });
  expect(res.ok()).toBeTruthy();
  const session = await (await page.request.get("/api/auth/session")).json();
  expect(session?.user?.email).toBe(email);
}

/** Switches the UI language through the header's switch. */
export async function setLanguage(page: Page, lang: "ko" | "en") {
  await page.getByRole("button", { name: lang === "ko" ? "한국어" : "EN", exact: true }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", lang);
}

/** Saves a full-page screenshot under test-results/screens, to look at. */
export async function screenshot(page: Page, name: string) {
  await page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: true });
}

export const test = base;
export { expect };
