import type { Page } from "@playwright/test";
import { expect, expectHttpError, screenshot, setLanguage, signInAs, test } from "./fixtures";

const cards = (page: Page) => page.getByTestId("product-card");

async function search(page: Page, label: string, term: string) {
  const box = page.getByRole("searchbox", { name: label });
  await box.fill(term);
  await box.press("Enter");
  await expect(page).toHaveURL((url) => url.searchParams.get("q") === term);
}

test.describe("browsing the catalog", () => {
  test("the home page is a storefront in Korean and in English", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1 })).toContainText("HUB");
    await expect(page.getByRole("main")).toContainText("HUB 당일·익일 배송");
    await expect(page.getByRole("main")).toContainText("물류센터 1–3일 배송");
    await expect(cards(page)).toHaveCount(18);
    await expect(page.getByRole("heading", { name: "상품 18개" })).toBeVisible();
    // Korean names and KRW prices.
    await expect(cards(page).filter({ hasText: "갤럭시 S25 울트라" })).toContainText("₩1,698,400부터");
    await screenshot(page, "catalog-home-ko");

    await setLanguage(page, "en");
    await expect(page.getByRole("heading", { level: 1 })).toContainText("from a HUB near you");
    await expect(cards(page).filter({ hasText: "Galaxy S25 Ultra" })).toContainText("From ₩1,698,400");
    await expect(cards(page).filter({ hasText: "Galaxy S25 Ultra" })).toContainText("2 colours");
    await screenshot(page, "catalog-home-en");
  });

  test("searching “갤럭시” in the Korean UI finds the Galaxy products", async ({ page }) => {
    await page.goto("/");
    await search(page, "상품 검색", "갤럭시");
    await expect(cards(page)).toHaveCount(7);
    for (const text of await cards(page).allInnerTexts()) expect(text).toContain("갤럭시");
    await expect(page.getByRole("heading", { name: /‘갤럭시’ 검색 결과/ })).toBeVisible();
    await screenshot(page, "catalog-search-ko");
  });

  test("searching “galaxy” in the English UI finds the same products, and Korean words work too", async ({ page }) => {
    await page.goto("/");
    await setLanguage(page, "en");
    await search(page, "Search products", "galaxy");
    await expect(cards(page)).toHaveCount(7);
    for (const text of await cards(page).allInnerTexts()) expect(text).toContain("Galaxy");
    await screenshot(page, "catalog-search-en");
    await search(page, "Search products", "아이폰");
    await expect(cards(page)).toHaveCount(3);
    await expect(cards(page).first()).toContainText("iPhone");
  });

  test("filters by sale type and category, and says so when nothing matches", async ({ page }) => {
    await page.goto("/");
    const typeNav = page.getByRole("navigation", { name: "판매 방식" });
    await typeNav.getByRole("link", { name: "예약·사전예약" }).click();
    await expect(page).toHaveURL(/type=reservation/);
    await expect(cards(page)).toHaveCount(4);
    for (const text of await cards(page).allInnerTexts()) expect(text).toMatch(/사전예약|방문 예약/);

    await page.getByRole("navigation", { name: "카테고리" }).getByRole("link", { name: "휴대폰" }).click();
    await expect(page).toHaveURL(/category=phone/);
    await expect(cards(page)).toHaveCount(2);

    await typeNav.getByRole("link", { name: "바로 구매" }).click();
    await expect(page).toHaveURL((url) => url.searchParams.get("type") === "stock" && url.searchParams.get("category") === "phone");
    await expect(cards(page)).toHaveCount(5);

    await search(page, "상품 검색", "없는상품");
    await expect(page.getByTestId("empty-results")).toContainText("조건에 맞는 상품이 없습니다");
    await screenshot(page, "catalog-search-empty");
    await page.getByTestId("empty-results").getByRole("link").click();
    await expect(cards(page)).toHaveCount(18);
  });

  test("a product page chooses a variant and shows its stock by delivery option", async ({ page }) => {
    await page.goto("/");
    await cards(page).filter({ hasText: "갤럭시 S25" }).filter({ hasNotText: "울트라" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("갤럭시 S25");
    await expect(page.getByTestId("variant-price")).toHaveText("₩1,155,000");

    await page.getByRole("button", { name: "네이비" }).click();
    await page.getByRole("button", { name: "512GB" }).click();
    await expect(page.getByRole("button", { name: "네이비" })).toHaveAttribute("aria-pressed", "true");
    await expect(page.getByTestId("variant-price")).toHaveText("₩1,309,000");
    await expect(page.getByTestId("variant-sku")).toContainText("SM-S931N-2-2");
    await expect(page).toHaveURL((url) => (url.searchParams.get("variant") ?? "").length === 36);

    const hub = page.getByTestId("availability-hub");
    await expect(hub).toContainText("HUB 당일·익일 배송");
    await expect(hub).toContainText(/HUB\s*\d+대/);
    // The figures are the API's: the centers' total and each HUB's available units.
    const variantId = new URL(page.url()).searchParams.get("variant")!;
    const rows = (await (await page.request.get(`/api/variants/${variantId}/availability`)).json()) as { kind: string; available: number; name: string }[];
    const centerTotal = rows.filter((r) => r.kind === "logistics_center").reduce((s, r) => s + r.available, 0);
    await expect(page.getByTestId("availability-center")).toContainText(`합계 ${centerTotal.toLocaleString("ko-KR")}대`);
    const topHub = rows.filter((r) => r.kind.endsWith("_hub")).sort((a, b) => b.available - a.available)[0]!;
    await expect(hub).toContainText(`${topHub.name}${topHub.available}대`);
    await screenshot(page, "catalog-product-ko");

    // The choice survives a reload (it is in the URL), and the page reads well in English.
    await page.reload();
    await expect(page.getByTestId("variant-sku")).toContainText("SM-S931N-2-2");
    await setLanguage(page, "en");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Galaxy S25");
    await expect(page.getByTestId("variant-choice")).toHaveText("Navy / 512GB");
    await expect(page.getByTestId("availability-center")).toContainText(`${centerTotal.toLocaleString("en-US")} units in total`);
    await screenshot(page, "catalog-product-en");
  });

  test("a marketplace item ships from its seller's warehouse", async ({ page }) => {
    await page.goto("/?q=공유기");
    await cards(page).first().click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("기가 와이파이 6E 공유기");
    await expect(page.getByRole("main")).toContainText("디지털플라자");
    await expect(page.getByTestId("availability-warehouse")).toContainText(/디지털플라자 김포 창고/);
    await expect(page.getByTestId("availability-hub")).toHaveCount(0);
    await screenshot(page, "catalog-product-marketplace");
  });

  test("a reservation product leads to the reservations", async ({ page }) => {
    await page.goto("/?type=reservation&q=S26");
    await cards(page).first().click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("갤럭시 S26 사전예약");
    const cta = page.getByRole("link", { name: /예약하기/ });
    const productId = new URL(page.url()).pathname.split("/").pop();
    await expect(cta).toHaveAttribute("href", `/reservations/browse?productId=${productId}`);
    await screenshot(page, "catalog-product-reservation");
  });

  test("an unknown product is a 404 page", async ({ page }) => {
    expectHttpError(page, "/products/not-a-product", 404);
    const res = await page.goto("/products/not-a-product");
    expect(res?.status()).toBe(404);
    await expect(page.getByRole("main")).toContainText("찾을 수 없습니다");
  });
});

test.describe("staff dashboards", () => {
  test("a dealer sees their own hubs with stock totals", async ({ page }) => {
    await signInAs(page, "dealer");
    await page.goto("/dealer");
    const table = page.getByTestId("location-stock-table");
    await expect(table.locator("tbody tr")).toHaveCount(2);
    await expect(table).toContainText("강남역 대리점 HUB");
    await expect(table).toContainText("분당 서현 대리점 HUB");
    await expect(table).not.toContainText("해운대");
    await screenshot(page, "dashboard-dealer");
  });

  test("marketing sees the whole network and can sort it", async ({ page }) => {
    await signInAs(page, "marketing");
    await page.goto("/marketing");
    const table = page.getByTestId("location-stock-table");
    await expect(table.locator("tbody tr")).toHaveCount(14);
    await table.getByRole("button", { name: "주문 가능" }).click();
    await expect(table.getByRole("columnheader", { name: /주문 가능/ })).toHaveAttribute("aria-sort", /ascending|descending/);
    const available = (await table.locator("tbody tr td:last-child").allInnerTexts()).map((s) => Number(s.replace(/[^\d]/g, "")));
    const ascending = [...available].sort((a, b) => a - b);
    expect([ascending, [...ascending].reverse()]).toContainEqual(available);
    await screenshot(page, "dashboard-marketing");
    await setLanguage(page, "en");
    await expect(table.getByRole("columnheader", { name: /Available/ })).toBeVisible();
    await expect(table).toContainText("Logistics center");
    await screenshot(page, "dashboard-marketing-en");
  });

  test("a seller sees their listings, in every state, and their warehouse stock", async ({ page }) => {
    await signInAs(page, "seller");
    await page.goto("/seller");
    const table = page.getByTestId("seller-products-table");
    await expect(table.locator("tbody tr")).toHaveCount(4);
    await expect(table).toContainText("심사 중");
    await expect(table).toContainText("판매 중");
    await expect(page.getByRole("main")).toContainText("디지털플라자 김포 창고");
    await screenshot(page, "dashboard-seller");
  });
});
