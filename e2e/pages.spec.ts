import { readFileSync } from "node:fs";
import path from "node:path";
import type { Cookie, Page } from "@playwright/test";
import { locationIds } from "./api";
import { expect, screenshot, setLanguage, signInAs, test, type DemoAccount } from "./fixtures";

/**
 * Every role's pages, each loaded in Korean and in English (a full server render and hydration in each
 * language), with its main heading checked and a screenshot under test-results/screens/pages-*.png. The
 * shared fixture fails a page on any browser error: a hydration mismatch, a console error, or an HTTP
 * error from the shop. The list mirrors app/**\/page.tsx; a new page belongs here too.
 */

type Lang = "ko" | "en";
type Heading = string | ((lang: Lang) => string);
type Visit = { path: string; heading: Heading; slug?: string };
type Role = "guest" | "customer" | Extract<DemoAccount, "dealer" | "marketing" | "seller">;

const messages: Record<Lang, Record<string, unknown>> = { ko: load("ko"), en: load("en") };
function load(lang: Lang) {
  const files = ["common", "catalog", "orders", "reservations", "staff", "seller", "network"];
  return Object.assign(
    {},
    ...files.map((f) => JSON.parse(readFileSync(path.join("messages", lang, `${f}.json`), "utf8"))),
  ) as Record<string, unknown>;
}
/** A message of the UI, by its dotted key (what the page's heading renders). */
function msg(lang: Lang, key: string): string {
  const value = key.split(".").reduce<unknown>((m, k) => (m as Record<string, unknown>)[k], messages[lang]);
  if (typeof value !== "string") throw new Error(`no message ${key} in ${lang}`);
  return value;
}

/** A product of the demo data with its names (the retailer's own Galaxy S25). */
const PRODUCT = { ko: "갤럭시 S25", en: "Galaxy S25" };

type Product = { id: string; name: string; nameEn: string; variants: { id: string; sku: string }[] };
async function findProduct(page: Page): Promise<Product> {
  const res = await page.request.get(`/api/products?q=${encodeURIComponent(PRODUCT.en)}`);
  expect(res.ok()).toBeTruthy();
  const { items } = (await res.json()) as { items: Product[] };
  const product = items.find((p) => p.nameEn === PRODUCT.en);
  expect(product, "the demo data has the Galaxy S25").toBeTruthy();
  return product!;
}

/** A fresh customer with one order placed and one item in the cart, so no page is only its empty state. */
async function customerWithAnOrder(page: Page): Promise<{ orderId: string }> {
  const email = `pages-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.com`;
  const signup = await page.request.post("/api/signup", {
    data: { email, password: "a-long-password", name: "페이지 점검" },
  });
  expect(signup.status()).toBe(201);
  await signInAs(page, { email, password: "a-long-password" });
  const product = await findProduct(page);
  // The variant no other spec counts; from a logistics center, where there is plenty of it.
  const variant = product.variants.find((v) => v.sku === "SM-S931N-1-1") ?? product.variants[0]!;
  const order = await page.request.post("/api/orders", {
    data: {
      items: [{ variantId: variant.id, quantity: 1 }],
      sourceLocationId: (await locationIds(page.request))("LC-ICHEON"),
      shippingAddress: {
        name: "페이지 점검",
        phone: "010-1234-5678",
        line1: "서울특별시 종로구 종로 1",
        postalCode: "03154",
        region: "seoul",
      },
    },
  });
  expect(order.status(), await order.text()).toBe(201);
  const cart = await page.request.post("/api/cart/items", { data: { variantId: variant.id, quantity: 1 } });
  expect(cart.ok(), await cart.text()).toBeTruthy();
  return { orderId: ((await order.json()) as { id: string }).id };
}

const t =
  (key: string): Heading =>
  (lang) =>
    msg(lang, key);
const product = (lang: Lang) => PRODUCT[lang];

/** A seller's product in review in the demo data (the first seller's power bank), for the editor and the review. */
const IN_REVIEW = { ko: "20000mAh 보조배터리", en: "20,000 mAh Power Bank" };
async function findInReview(page: Page): Promise<string> {
  const res = await page.request.get("/api/seller-products?status=in_review");
  expect(res.ok()).toBeTruthy();
  const { items } = (await res.json()) as { items: { id: string; nameEn: string }[] };
  const found = items.find((p) => p.nameEn === IN_REVIEW.en);
  expect(found, "the demo data has a product in review").toBeTruthy();
  return found!.id;
}
const inReview = (lang: Lang) => IN_REVIEW[lang];

/** Each role's pages; `:product` and `:order` stand for ids each test finds or makes. */
const ROLES: { role: Role; pages: Visit[] }[] = [
  {
    role: "guest",
    pages: [
      { path: "/", heading: t("catalog.shop.heroTitle"), slug: "home" },
      { path: "/products/:product", heading: product, slug: "product" },
      { path: "/reservations/browse", heading: t("reservations.browseTitle") },
      { path: "/signin", heading: t("auth.signInTitle") },
      { path: "/signup", heading: t("auth.signUpTitle") },
    ],
  },
  {
    role: "customer",
    pages: [
      { path: "/", heading: t("catalog.shop.heroTitle"), slug: "home" },
      { path: "/products/:product", heading: product, slug: "product" },
      { path: "/cart", heading: t("cart.title") },
      { path: "/checkout", heading: t("checkout.title") },
      { path: "/orders", heading: t("orders.title") },
      { path: "/orders/:order", heading: t("orders.detailTitle"), slug: "order" },
      { path: "/reservations", heading: t("reservations.myTitle") },
      { path: "/reservations/browse", heading: t("reservations.browseTitle") },
    ],
  },
  ...(["dealer", "marketing", "seller"] as const).map((role) => ({
    role,
    pages: [
      {
        path: `/${role}`,
        heading: role === "seller" ? t("sellerCentre.list.title") : t(`catalog.dashboard.${role}Title`),
        slug: "dashboard",
      },
      { path: `/${role}/fulfilment`, heading: t("fulfilment.title") },
      { path: `/${role}/reservables`, heading: t("reservables.title") },
      ...(role === "seller" ? [] : [{ path: `/${role}/transfers`, heading: t("transfers.title") }]),
      ...(role === "dealer" ? [{ path: "/dealer/stock", heading: t("network.stock.title") }] : []),
      ...(role === "seller"
        ? [
            { path: "/seller/products/new", heading: t("sellerCentre.new.title") },
            { path: "/seller/products/:sellerProduct", heading: inReview, slug: "product-editor" },
            { path: "/seller/sales", heading: t("sellerCentre.sales.title") },
          ]
        : []),
      ...(role === "marketing"
        ? [
            { path: "/marketing/reviews", heading: t("productReview.title") },
            { path: "/marketing/reviews/:sellerProduct", heading: inReview, slug: "review" },
            { path: "/marketing/receipts", heading: t("network.receipts.title") },
            { path: "/marketing/ledger", heading: t("network.ledger.title") },
          ]
        : []),
    ],
  })),
];

/** Waits until the browser has nothing left to do (hydration included), so its errors have been reported. */
async function settled(page: Page) {
  await page.waitForLoadState("load");
  await page.evaluate(
    () => new Promise<void>((resolve) => requestIdleCallback(() => resolve(), { timeout: 3_000 })),
  );
}

const headingOf = (visit: Visit, lang: Lang) =>
  typeof visit.heading === "string" ? visit.heading : visit.heading(lang);

async function check(page: Page, visit: Visit, lang: Lang, shot: string) {
  await expect(page.locator("html")).toHaveAttribute("lang", lang);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(headingOf(visit, lang));
  await settled(page);
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, `${shot}-${lang}`);
}

// The visits share the two workers (this file was the last to finish, on one worker, while the other
// stood idle), each signing in on its own page.
test.describe.configure({ mode: "parallel" });

/**
 * A role's session, made once per worker: the first visit of a role signs in (a customer signs up and
 * orders first), and the later ones of that worker start with its cookies. A sign-in is a scrypt hash
 * on the server, a second or more of the busy machine's time, and the visits look at pages, not at
 * signing in (auth.spec.ts does).
 */
type Session = { cookies: Cookie[]; orderId?: string };
const sessions = new Map<Role, Promise<Session>>();
async function signedIn(page: Page, role: Exclude<Role, "guest">): Promise<{ orderId?: string }> {
  const known = sessions.get(role);
  if (known) {
    const { cookies, orderId } = await known;
    await page.context().addCookies(cookies);
    return { orderId };
  }
  const made = (async (): Promise<Session> => {
    const orderId = role === "customer" ? (await customerWithAnOrder(page)).orderId : undefined;
    if (role !== "customer") await signInAs(page, role);
    return { cookies: (await page.context().storageState()).cookies, orderId };
  })();
  sessions.set(role, made);
  made.catch(() => sessions.delete(role));
  return { orderId: (await made).orderId };
}

for (const { role, pages } of ROLES) {
  test.describe(`${role} pages in Korean and English`, () => {
    for (const visit of pages) {
      const slug = visit.slug ?? visit.path.replace(`/${role}/`, "/").replace(/^\//, "").replace(/\//g, "-");
      test(`${role} ${visit.path}`, async ({ page }) => {
        let target = visit.path;
        if (role !== "guest") {
          const { orderId } = await signedIn(page, role);
          if (orderId) target = target.replace(":order", orderId);
        }
        if (target.includes(":product")) target = target.replace(":product", (await findProduct(page)).id);
        if (target.includes(":sellerProduct"))
          target = target.replace(":sellerProduct", await findInReview(page));

        const shot = `pages-${role}-${slug}`;
        const res = await page.goto(target);
        expect(res?.status(), target).toBe(200);
        await expect(page).toHaveURL((url) => url.pathname === target.split("?")[0]);
        await check(page, visit, "ko", shot);

        // The header's switch, then a full load in English (its own server render and hydration).
        await setLanguage(page, "en");
        await expect(page.getByRole("heading", { level: 1 })).toContainText(headingOf(visit, "en"));
        await page.reload();
        await check(page, visit, "en", shot);
      });
    }
  });
}

// Browsers fetch the page's icon themselves (Playwright does not see that request), so check it here:
// without one, every first visit logged a 404 for /favicon.ico.
test("the shop has an icon, and /favicon.ico answers", async ({ page }) => {
  await page.goto("/");
  const icons = await page
    .locator('link[rel~="icon"]')
    .evaluateAll((links) => links.map((l) => (l as HTMLLinkElement).href));
  expect(icons.length).toBeGreaterThan(0);
  for (const href of [...icons, "/favicon.ico"]) {
    const res = await page.request.get(href);
    expect(res.status(), href).toBe(200);
    expect(res.headers()["content-type"], href).toMatch(/^image\//);
  }
});
