import { test as base, expect, type Browser, type BrowserContext, type Page } from "@playwright/test";

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

/** Signs the page's browser context in through the Auth.js credentials flow (the the API contract one). */
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

/**
 * Saves a screenshot under test-results/screens, to look at: the first screen of the page, or the whole
 * page with E2E_FULL_PAGE=1. A whole long page is rasterized in software here (no GPU): up to 6 s a
 * shot on the busy machine, where the first screen takes well under one, and `npm test` takes 120.
 */
export async function screenshot(page: Page, name: string) {
  await page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: process.env.E2E_FULL_PAGE === "1" });
}

/** An HTTP error answer a spec expects from the shop: its URL (a RegExp, or the exact path) and status. */
export type ExpectedHttpError = { url: RegExp | string; status: number };

type Expectation = ExpectedHttpError & { seen: number; required: boolean };

/**
 * Watches every browser context of one test (the default one and any the spec opens with
 * `browser.newContext`) and collects what would make a page broken: an uncaught page error, a console
 * error (React's hydration errors among them), and any answer of 400 or more from the shop's own origin
 * that the spec did not declare.
 */
class BrowserGuard {
  readonly problems: string[] = [];
  readonly expectations: Expectation[] = [];
  constructor(private readonly origin: string) {}

  attach(context: BrowserContext) {
    if (guards.has(context)) return;
    guards.set(context, this);
    context.on("weberror", (e) =>
      this.problems.push(`page error at ${e.page()?.url() ?? "?"}: ${e.error().stack ?? e.error().message}`),
    );
    context.on("console", (m) => {
      if (m.type() !== "error") return;
      const at = m.location().url;
      // A failed load of the shop's own resource is judged by its response below (expected or not).
      if (m.text().startsWith("Failed to load resource") && this.isOwn(at)) return;
      this.problems.push(`console error at ${m.page()?.url() ?? at}: ${m.text()}`);
    });
    context.on("response", (res) => {
      const status = res.status();
      if (status < 400 || !this.isOwn(res.url())) return;
      const hit = this.expectations.find((x) => x.status === status && matches(x.url, res.url()));
      if (hit) hit.seen++;
      else
        this.problems.push(
          `HTTP ${status} ${res.request().method()} ${res.url()} (not expected by the spec)`,
        );
    });
  }

  expect(e: ExpectedHttpError, required: boolean) {
    this.expectations.push({ ...e, seen: 0, required });
  }

  report(): string[] {
    const missing = this.expectations
      .filter((x) => x.required && x.seen === 0)
      .map((x) => `expected HTTP ${x.status} for ${String(x.url)}, which never came`);
    return [...this.problems, ...missing];
  }

  private isOwn(url: string) {
    try {
      return new URL(url).origin === this.origin;
    } catch {
      return false;
    }
  }
}

const guards = new WeakMap<BrowserContext, BrowserGuard>();

function matches(pattern: RegExp | string, url: string) {
  if (typeof pattern !== "string") return pattern.test(url);
  const u = new URL(url);
  return u.pathname === pattern || `${u.pathname}${u.search}` === pattern;
}

/**
 * Declares that this page's browser context will receive an HTTP error answer from the shop (say, a
 * 404 page): it is not a failure, and the test fails if it never comes. Call it before it happens.
 */
export function expectHttpError(page: Page, url: RegExp | string, status: number) {
  const guard = guards.get(page.context());
  if (!guard) throw new Error("expectHttpError: this page is not watched (use test from ./fixtures)");
  guard.expect({ url, status }, true);
}

/** While a test runs, every context made with `browser.newContext` is watched too. */
function watchNewContexts(browser: Browser, guard: BrowserGuard) {
  const original = browser.newContext;
  browser.newContext = async (...args: Parameters<Browser["newContext"]>) => {
    const context = await original.apply(browser, args);
    guard.attach(context);
    return context;
  };
  return () => {
    browser.newContext = original;
  };
}

/**
 * The shared fixture of every spec: a page error, a console error, or an unexpected answer of 400 or
 * more from the shop fails the test. `expectedHttpErrors` (a `test.use` option) lists answers a whole
 * file or describe block may get; `expectHttpError` declares one that must come.
 */
export const test = base.extend<{ expectedHttpErrors: ExpectedHttpError[]; browserGuard: BrowserGuard }>({
  expectedHttpErrors: [[], { option: true }],
  browserGuard: [
    async ({ browser, context, baseURL, expectedHttpErrors }, use) => {
      const guard = new BrowserGuard(new URL(baseURL ?? "http://localhost").origin);
      for (const e of expectedHttpErrors) guard.expect(e, false);
      guard.attach(context);
      const restore = watchNewContexts(browser, guard);
      await use(guard); // returns when the test has ended, passed or failed
      restore();
      const problems = guard.report();
      if (problems.length > 0)
        throw new Error(`The browser reported ${problems.length} problem(s):\n- ${problems.join("\n- ")}`);
    },
    { auto: true },
  ],
});
export { expect };
