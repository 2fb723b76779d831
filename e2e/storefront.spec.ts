import type { Page } from "@playwright/test";
import { locationIds } from "./api";
import { expect, expectHttpError, screenshot, setLanguage, signInAs, test } from "./fixtures";

/**
 * The customer's side of the marketplace: Korean partial-word search, a seller's storefront, and the
 * "often bought together" row that an order of two products puts on their pages.
 */
const cards = (page: Page) => page.getByTestId("product-card");

let pageErrors: string[] = [];
test.beforeEach(({ page }) => {
  pageErrors = [];
  page.on("pageerror", (e) => pageErrors.push(`${page.url()}: ${String(e)}`));
  page.on("console", (m) => {
    if (m.type() === "error" && !m.text().startsWith("Failed to load resource")) pageErrors.push(`${page.url()}: ${m.text()}`);
  });
});
test.afterEach(() => {
  expect(pageErrors).toEqual([]);
});

async function search(page: Page, label: string, term: string) {
  const box = page.getByRole("searchbox", { name: label });
  await box.fill(term);
  await box.press("Enter");
  await expect(page).toHaveURL((url) => url.searchParams.get("q") === term);
}

type ApiProduct = { id: string; nameEn: string; sellerId: string; variants: { id: string; sku: string }[] };
async function productNamed(page: Page, q: string, nameEn: string): Promise<ApiProduct> {
  const { items } = (await (await page.request.get(`/api/products?q=${encodeURIComponent(q)}`)).json()) as { items: ApiProduct[] };
  const found = items.find((p) => p.nameEn === nameEn);
  expect(found, `${nameEn} in /api/products?q=${q}`).toBeDefined();
  return found!;
}

test("searching parts of Korean words in the Korean UI finds the power bank and the charger", async ({ page }) => {
  await page.goto("/");
  await search(page, "상품 검색", "보조");
  await expect(cards(page)).toHaveCount(1);
  await expect(cards(page).first()).toContainText("25W 무선 보조배터리 10000mAh");
  await expect(page.getByRole("heading", { name: /‘보조’ 검색 결과/ })).toContainText("상품 1개");
  await screenshot(page, "storefront-search-bojo-ko");

  await search(page, "상품 검색", "충");
  await expect(cards(page)).toHaveCount(1);
  await expect(cards(page).first()).toContainText("45W 초고속 충전기");
});

test("the English UI finds the power bank by a Korean part of a word and by an English one", async ({ page }) => {
  await page.goto("/");
  await setLanguage(page, "en");
  await search(page, "Search products", "배터리");
  await expect(cards(page)).toHaveCount(1);
  await expect(cards(page).first()).toContainText("25W Wireless Power Bank 10,000 mAh");
  await search(page, "Search products", "bank");
  await expect(cards(page).first()).toContainText("25W Wireless Power Bank 10,000 mAh");
  await screenshot(page, "storefront-search-bank-en");
});

test("a seller's storefront, reached from a product page, shows only its products on sale", async ({ page }) => {
  await page.goto("/?q=공유기");
  await cards(page).filter({ hasText: "기가 와이파이 6E 공유기" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("기가 와이파이 6E 공유기");
  await page.getByTestId("seller-link").click();
  await expect(page).toHaveURL(/\/sellers\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("디지털플라자");
  await expect(page.getByRole("main")).toContainText("마켓플레이스 판매자");
  // Its three products on sale; the power bank still in review stays out.
  await expect(page.getByTestId("seller-products").getByTestId("product-card")).toHaveCount(3);
  await expect(page.getByTestId("seller-product-count")).toContainText("3");
  for (const name of ["기가 와이파이 6E 공유기", "갤럭시 버즈3 프로", "45W 초고속 충전기"]) await expect(cards(page).filter({ hasText: name })).toHaveCount(1);
  await expect(page.getByRole("main")).not.toContainText("20000mAh 보조배터리");
  await screenshot(page, "storefront-seller-ko");

  await setLanguage(page, "en");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Digital Plaza");
  await expect(page.getByRole("main")).toContainText("products on sale");
  await screenshot(page, "storefront-seller-en");

  // The retailer's own store has one too; a dealer is not a seller: 404.
  const sellers = (await (await page.request.get("/api/sellers")).json()) as { id: string; kind: string }[];
  await page.goto(`/sellers/${sellers.find((s) => s.kind === "retailer")!.id}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Hub Direct");
  expectHttpError(page, "/sellers/00000000-0000-4000-8000-000000000000", 404); // an unknown seller's page
  const res = await page.goto("/sellers/00000000-0000-4000-8000-000000000000");
  expect(res?.status()).toBe(404);
});

test("products ordered together show on each other's page as often bought together", async ({ page }) => {
  const email = `together-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.com`;
  expect((await page.request.post("/api/signup", { data: { email, password: "a-long-password", name: "함께 구매" } })).status()).toBe(201);
  await signInAs(page, { email, password: "a-long-password" });
  const watch = await productNamed(page, "워치", "Galaxy Watch7 LTE");
  const bank = await productNamed(page, "보조", "25W Wireless Power Bank 10,000 mAh");

  // Before anyone bought them together, the watch's page has no such row.
  await page.goto(`/products/${watch.id}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("갤럭시 워치7 LTE");
  const row = page.getByTestId("bought-together");
  await expect(row.getByTestId("product-card").filter({ hasText: "보조배터리" })).toHaveCount(0);

  const loc = await locationIds(page.request);
  const order = await page.request.post("/api/orders", {
    data: {
      items: [
        { variantId: watch.variants[0]!.id, quantity: 1 },
        { variantId: bank.variants[0]!.id, quantity: 1 },
      ],
      sourceLocationId: loc("LC-ICHEON"),
      shippingAddress: { name: "김하늘", phone: "010-2345-6789", line1: "서울특별시 종로구 종로 1", postalCode: "03154", region: "seoul" },
    },
  });
  expect(order.status()).toBe(201);

  await page.reload();
  await expect(row.getByRole("heading", { name: "함께 많이 구매한 상품" })).toBeVisible();
  await expect(row.getByTestId("product-card").filter({ hasText: "25W 무선 보조배터리 10000mAh" })).toHaveCount(1);
  await expect(row.getByTestId("product-card").filter({ hasText: "갤럭시 워치7 LTE" })).toHaveCount(0); // never itself
  await screenshot(page, "storefront-bought-together-ko");

  // And the other way round, in English.
  await page.goto(`/products/${bank.id}`);
  await setLanguage(page, "en");
  await expect(row.getByRole("heading", { name: "Often bought together" })).toBeVisible();
  await expect(row.getByTestId("product-card").filter({ hasText: "Galaxy Watch7 LTE" })).toHaveCount(1);
  await screenshot(page, "storefront-bought-together-en");
});

test("every answer of the running shop carries the security headers: a page, a cached page, the API, a 404, a static file", async ({ page }) => {
  const answers: [string, number][] = [
    ["/", 200],
    ["/", 200], // the visitor's second look comes from the page cache
    ["/api/products", 200],
    ["/api/products/00000000-0000-4000-8000-000000000000", 404],
    ["/icon.svg", 200],
  ];
  for (const [path, status] of answers) {
    const res = await page.request.get(path, { failOnStatusCode: false });
    expect(res.status(), path).toBe(status);
    const h = res.headers();
    expect(h["content-security-policy"], path).toContain("frame-ancestors 'none'");
    expect(h["x-content-type-options"], path).toBe("nosniff");
    expect(h["x-frame-options"], path).toBe("DENY");
    expect(h["referrer-policy"], path).toBe("strict-origin-when-cross-origin");
  }
});
