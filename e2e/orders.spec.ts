import { request, type APIRequestContext, type Page } from "@playwright/test";
import { DEMO, expect, screenshot, setLanguage, signInAs, test } from "./fixtures";
import { apiAs, stockAt } from "./api";
import { fillAddress, fulfilToDelivery } from "./screens";

/**
 * The orders journeys: a customer orders from the dealer HUB of their region (the suggested source),
 * sees its availability drop, cancels and sees it restored; a declined card; a two-seller order split in
 * two; the dealer fulfils an order from its queue. Each test signs up its own customer and uses its own
 * variants, so the specs running beside it never share state with it.
 */

/** A location the staff member runs, with its stock by SKU (through the staff API). */
async function stockOf(staff: APIRequestContext, code: string) {
  const queue = await (await staff.get("/api/seller-orders?pageSize=1")).json();
  const loc = (queue.locations as { id: string; code: string }[]).find((l) => l.code === code)!;
  const rows = await stockAt(staff, loc.id);
  return { locationId: loc.id, bySku: new Map(rows.map((r) => [r.sku, r])) };
}

async function newCustomer(page: Page) {
  const email = `orders-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.com`;
  const res = await page.request.post("/api/signup", {
    data: { email, password: "a-long-password", name: "주문 테스트" },
  });
  expect(res.status()).toBe(201);
  await signInAs(page, { email, password: "a-long-password" });
  return email;
}

async function addToCart(page: Page, variantId: string, quantity: number) {
  const res = await page.request.post("/api/cart/items", { data: { variantId, quantity } });
  expect(res.status()).toBe(201);
}

const fillBundangAddress = (page: Page) =>
  fillAddress(page, {
    name: "김하늘",
    phone: "010-2345-6789",
    line1: "경기도 성남시 분당구 서현로 180",
    line2: "202동 1502호",
    postalCode: "13591",
    region: "경기",
  });

const sourceOption = (page: Page, code: string) =>
  page.locator(`[data-testid=source-option][data-code=${code}]`);
async function availableAt(page: Page, code: string, sku: string): Promise<number> {
  const text = await sourceOption(page, code).getByTestId("source-availability").innerText();
  const m = new RegExp(`${sku} · 재고 (\\d+)개`).exec(text);
  expect(m, text).not.toBeNull();
  return Number(m![1]);
}

test.describe("ordering", () => {
  test("a customer orders from the dealer HUB of their region, sees availability drop, cancels and sees it restored", async ({
    page,
    baseURL,
  }) => {
    const dealer = await apiAs(baseURL!, DEMO.dealer);
    const hub = await stockOf(dealer, "HUB-BUNDANG");
    const sku = "IP16-1-1";
    const variant = hub.bySku.get(sku)!;
    expect(variant.available).toBeGreaterThanOrEqual(2);

    await newCustomer(page);
    // Through the product page's purchase slot: the chosen variant, "Add to cart" twice.
    const { items } = (await (await page.request.get("/api/products?q=iPhone")).json()) as {
      items: { id: string; variants: { id: string; sku: string }[] }[];
    };
    const product = items.find((p) => p.variants.some((v) => v.sku === sku))!;
    await page.goto(`/products/${product.id}?variant=${variant.variantId}`);
    await expect(page.getByTestId("variant-sku")).toContainText(sku);
    for (let i = 0; i < 2; i++) {
      await page.getByRole("button", { name: "장바구니 담기" }).click();
      await expect(page.getByRole("button", { name: "장바구니 담기" })).toBeEnabled();
      await expect(page.getByText("장바구니에 담았습니다")).toBeVisible();
    }
    await screenshot(page, "orders-product-added");
    await page.goto("/cart");
    await expect(page.getByTestId("cart-quantity")).toHaveText("2");
    await expect(page.getByTestId("cart-line")).toHaveCount(1);
    await screenshot(page, "orders-cart");
    await page.getByRole("link", { name: "주문하기" }).click();
    await expect(page).toHaveURL(/\/checkout$/);

    await fillBundangAddress(page);
    const bundang = sourceOption(page, "HUB-BUNDANG");
    await expect(bundang).toContainText("추천");
    await expect(bundang.getByRole("radio")).toBeChecked();
    await expect(bundang).toContainText(/오늘 도착|내일 도착/);
    await expect(sourceOption(page, "LC-ICHEON")).toContainText("1~3일 이내 도착");
    const before = await availableAt(page, "HUB-BUNDANG", sku);
    await screenshot(page, "orders-checkout");

    await page.getByRole("button", { name: /결제하기/ }).click();
    await expect(page).toHaveURL(/\/orders\/[0-9a-f-]{36}\?placed=1$/);
    await expect(page.getByRole("main").getByRole("status")).toContainText("주문이 완료되었습니다");
    await expect(page.locator("[data-testid=seller-order][data-source=HUB-BUNDANG]")).toBeVisible();
    const orderUrl = page.url().replace(/\?.*$/, "");
    await screenshot(page, "orders-placed");

    // The hub now has two fewer to offer.
    await addToCart(page, variant.variantId, 1);
    await page.goto("/checkout");
    await expect(page.getByLabel("지역")).toHaveValue("gyeonggi"); // the last address is remembered
    expect(await availableAt(page, "HUB-BUNDANG", sku)).toBe(before - 2);

    // Cancel: the stock comes back.
    await page.goto(orderUrl);
    await page.getByRole("button", { name: "주문 취소" }).click();
    await page.getByLabel("취소 사유 (선택)").fill("주소를 잘못 입력했어요");
    await page.getByRole("button", { name: "주문 취소하기" }).click();
    await expect(page.getByTestId("order-status")).toContainText("취소됨");
    await expect(page.getByTestId("timeline").first()).toContainText("주소를 잘못 입력했어요");
    await screenshot(page, "orders-cancelled");
    await page.goto("/checkout");
    expect(await availableAt(page, "HUB-BUNDANG", sku)).toBe(before);

    await page.goto("/orders");
    await expect(page.getByTestId("order-row")).toHaveCount(1);
    await expect(page.getByTestId("order-row")).toContainText("취소됨");
    await expect(page.getByTestId("order-row")).toContainText("아이폰 16");
    await screenshot(page, "orders-list");
    await dealer.dispose();
  });

  test("a declined card tells the customer why and reserves nothing", async ({ page, baseURL }) => {
    const dealer = await apiAs(baseURL!, DEMO.dealer);
    const hub = await stockOf(dealer, "HUB-BUNDANG");
    const sku = "IP16-2-2";
    await newCustomer(page);
    await addToCart(page, hub.bySku.get(sku)!.variantId, 1);
    await page.goto("/checkout");
    await fillBundangAddress(page);
    const before = await availableAt(page, "HUB-BUNDANG", sku);
    await page.getByLabel("카드 번호").fill("4000 0000 0000 0002");
    await page.getByRole("button", { name: /결제하기/ }).click();
    const alert = page.getByRole("main").getByRole("alert");
    await expect(alert).toContainText("카드 결제가 거절되었습니다");
    await expect(alert).toContainText("카드사 거절");
    await expect(page).toHaveURL(/\/checkout$/);
    await screenshot(page, "orders-declined");

    await page.reload();
    expect(await availableAt(page, "HUB-BUNDANG", sku)).toBe(before);
    await page.goto("/orders");
    await expect(page.getByRole("main")).toContainText("아직 주문한 내역이 없습니다");
    await dealer.dispose();
  });

  test("an order of two sellers' items is split in two, each shipping from its own place", async ({
    page,
    baseURL,
  }) => {
    const dealer = await apiAs(baseURL!, DEMO.dealer);
    const seller = await apiAs(baseURL!, DEMO.seller);
    const hub = await stockOf(dealer, "HUB-BUNDANG");
    const wh = await stockOf(seller, "WH-DIGITALPLAZA");
    await newCustomer(page);
    await addToCart(page, hub.bySku.get("SM-F741N-1-1")!.variantId, 1);
    await addToCart(page, wh.bySku.get("DP-R630N-1")!.variantId, 2);
    await page.goto("/cart");
    await expect(page.getByTestId("cart-line")).toHaveCount(2);
    await page.goto("/checkout");
    await fillBundangAddress(page);
    await expect(page.getByTestId("seller-shipment")).toContainText("디지털플라자 김포 창고에서 출고");
    await page.getByRole("button", { name: /결제하기/ }).click();
    await expect(page).toHaveURL(/\/orders\/[0-9a-f-]{36}\?placed=1$/);
    await expect(page.getByTestId("seller-order")).toHaveCount(2);
    await expect(page.locator("[data-testid=seller-order][data-source=HUB-BUNDANG]")).toContainText(
      "SM-F741N-1-1",
    );
    await expect(page.locator("[data-testid=seller-order][data-source=WH-DIGITALPLAZA]")).toContainText(
      "DP-R630N-1",
    );
    await screenshot(page, "orders-two-sellers");
    await setLanguage(page, "en");
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Order details");
    await screenshot(page, "orders-two-sellers-en");
    await page.goto("/cart");
    await expect(page.getByRole("main")).toContainText("Your cart is empty.");
    await dealer.dispose();
    await seller.dispose();
  });
});

test.describe("fulfilment", () => {
  test("the dealer accepts, packs, ships and delivers an order from its queue; the customer sees the timeline", async ({
    page,
    baseURL,
  }) => {
    const dealer = await apiAs(baseURL!, DEMO.dealer);
    const hub = await stockOf(dealer, "HUB-BUNDANG");
    const customer = await request.newContext({ baseURL });
    const email = `fulfil-${Date.now()}@example.com`;
    await customer.post("/api/signup", { data: { email, password: "a-long-password", name: "배송 테스트" } });
    const { csrfToken } = (await (await customer.get("/api/auth/csrf")).json()) as { csrfToken: string };
    await customer.post("/api/auth/callback/credentials", {
      form: { csrfToken, email, password: "a-long-password", json: "true" },
    });
    const placed = await customer.post("/api/orders", {
      data: {
        items: [{ variantId: hub.bySku.get("SM-L315N-2-2")!.variantId, quantity: 1 }],
        sourceLocationId: hub.locationId,
        shippingAddress: {
          name: "배송 테스트",
          phone: "010-1111-2222",
          line1: "경기도 성남시 분당구 황새울로 200",
          postalCode: "13595",
          region: "gyeonggi",
        },
      },
    });
    expect(placed.status()).toBe(201);
    const order = await placed.json();
    const before = hub.bySku.get("SM-L315N-2-2")!;

    await signInAs(page, "dealer");
    await page.goto("/dealer/fulfilment");
    await page.getByLabel("출고지").selectOption({ label: "분당 서현 대리점 HUB (HUB-BUNDANG)" });
    await expect(page).toHaveURL(/locationId=/);
    const row = page.locator(`[data-testid=fulfilment-row][data-order="${order.id}"]`);
    await expect(row).toContainText("주문 확인");
    await screenshot(page, "fulfilment-dealer");
    await fulfilToDelivery(row);
    await screenshot(page, "fulfilment-dealer-delivered");

    // Shipping took the unit off the shelf for good.
    const after = await stockOf(dealer, "HUB-BUNDANG");
    expect(after.bySku.get("SM-L315N-2-2")!.available).toBe(before.available - 1);
    const seen = await (await customer.get(`/api/orders/${order.id}`)).json();
    expect(seen.status).toBe("delivered");
    expect(seen.sellerOrders[0].events.map((e: { toStatus: string }) => e.toStatus)).toEqual([
      "confirmed",
      "accepted",
      "packed",
      "shipped",
      "delivered",
    ]);
    await dealer.dispose();
    await customer.dispose();
  });
});
