import type { Browser, Page } from "@playwright/test";
import { expect, screenshot, setLanguage, signInAs, test } from "./fixtures";

/** A signed-in page in its own browser context (another person at another computer). */
async function personAs(browser: Browser, who: Parameters<typeof signInAs>[1]): Promise<Page> {
  const ctx = await browser.newContext({ locale: "ko-KR", timezoneId: "Asia/Seoul" });
  const page = await ctx.newPage();
  await signInAs(page, who);
  return page;
}

async function freshCustomer(browser: Browser, name: string) {
  const ctx = await browser.newContext({ locale: "ko-KR", timezoneId: "Asia/Seoul" });
  const page = await ctx.newPage();
  const email = `e2e-res-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.com`;
  const password = "a-long-password";
  const res = await page.request.post("/api/signup", { data: { email, password, name } });
  expect(res.status()).toBe(201);
  await signInAs(page, { email, password });
  return page;
}

test.describe("reservations", () => {
  test("a customer reserves a pre-order, sees it confirmed live, and pays", async ({ page }) => {
    await signInAs(page, "customer");
    await page.goto("/reservations/browse");
    await expect(page.getByRole("heading", { name: "출시 사전예약" })).toBeVisible();
    await screenshot(page, "reservations-browse-ko");
    const card = page.getByTestId("preorder").filter({ hasText: "아이폰 17 사전예약" });
    await card.getByRole("button", { name: "예약하기" }).click();

    // The request is acknowledged at once and decided by the worker; the card changes without a reload.
    const mine = page.getByTestId("reservation").first();
    await expect(mine).toBeVisible();
    await expect(mine).toHaveAttribute("data-status", "confirmed");
    await expect(mine.getByTestId("status")).toHaveText("확정 — 결제 대기");
    await expect(mine).toContainText("까지 결제하세요");
    await screenshot(page, "reservations-confirmed-live");

    await mine.getByRole("button", { name: /결제$/ }).click();
    await mine.getByRole("button", { name: "₩1,290,000 결제" }).click();
    await expect(mine).toHaveAttribute("data-status", "paid");
    await expect(mine.getByTestId("status")).toHaveText("결제 완료");

    const id = await mine.getAttribute("data-reservation-id");
    await page.goto("/reservations");
    await expect(page.locator(`[data-reservation-id="${id}"]`)).toHaveAttribute("data-status", "paid");
    await screenshot(page, "reservations-mine-ko");
    await setLanguage(page, "en");
    await expect(page.getByRole("heading", { name: "My reservations" })).toBeVisible();
    await expect(page.getByTestId("reservation").first().getByTestId("status")).toHaveText("Paid");
    await screenshot(page, "reservations-mine-en");
    await page.goto("/reservations/browse");
    await expect(page.getByRole("heading", { name: "Launch pre-orders" })).toBeVisible();
    await screenshot(page, "reservations-browse-en");
  });

  test("another customer is rejected when the pre-order sells out first", async ({ page, browser }) => {
    // Marketing opens a one-unit allocation of a launch.
    const marketing = await personAs(browser, "marketing");
    const products = await (await marketing.request.get("/api/reservables?kind=preorder")).json();
    const s26 = products.find(
      (r: { productName: { en: string } }) => r.productName.en === "Galaxy S26 Pre-order",
    );
    const now = Date.now();
    const created = await marketing.request.post("/api/reservables", {
      data: {
        variantId: s26.variantId,
        capacity: 1,
        perCustomerLimit: 1,
        opensAt: new Date(now - 60_000).toISOString(),
        launchAt: new Date(now + 20 * 86_400_000).toISOString(),
        cancelDeadline: new Date(now + 19 * 86_400_000).toISOString(),
      },
    });
    expect(created.status()).toBe(201);
    const { id: reservableId } = await created.json();

    // customer2 has the page open while it still shows one left…
    await signInAs(page, "customer2");
    await page.goto(`/reservations/browse?productId=${s26.productId}`);
    const card = page.locator(`[data-testid="preorder"][data-reservable-id="${reservableId}"]`);
    await expect(card.getByTestId("available")).toHaveText("1개 중 1개 남음");

    // …when somebody else takes it.
    const fast = await freshCustomer(browser, "빠른 고객");
    const first = await fast.request.post("/api/reservations", { data: { reservableId, quantity: 1 } });
    expect(first.status()).toBe(202);
    const firstId = (await first.json()).id;
    await expect
      .poll(async () => (await (await fast.request.get(`/api/reservations/${firstId}`)).json()).status, {
        timeout: 10_000,
      })
      .toBe("confirmed");

    await card.getByRole("button", { name: "예약하기" }).click();
    const mine = page.getByTestId("reservation").first();
    await expect(mine).toHaveAttribute("data-status", "rejected");
    await expect(mine).toContainText("순서가 오기 전에 마감되었습니다.");
    // Sold out: the waiting list is offered.
    await page.getByRole("button", { name: "대기 신청" }).first().click();
    await expect(page.getByRole("main").getByRole("status").first()).toContainText("대기 1번");
    await screenshot(page, "reservations-rejected-sold-out");
    await marketing.context().close();
    await fast.context().close();
  });

  test("a dealer calls off a day of slots and the customer sees it cancelled, with the reason", async ({
    page,
    browser,
  }) => {
    const customer = await freshCustomer(browser, "슬롯 고객");
    await customer.goto("/reservations/browse");
    await customer.getByRole("tab", { name: "분당 서현 대리점 HUB" }).click();
    const day = customer.getByTestId("slot-day").nth(2);
    const date = (await day.getAttribute("data-day"))!;
    const slot = day.getByTestId("slot").first();
    const slotId = await slot.getAttribute("data-reservable-id");
    await slot.click();
    await expect(customer.getByTestId("slot-panel")).toContainText("분당 서현 대리점 HUB");
    await screenshot(customer, "reservations-slot-calendar");
    await customer.getByTestId("slot-panel").getByRole("button", { name: /예약$/ }).click();
    await expect(customer.getByTestId("reservation").first()).toHaveAttribute("data-status", "confirmed");
    await customer.goto("/reservations");
    const mine = customer.getByTestId("reservation").first();
    await expect(mine).toHaveAttribute("data-status", "confirmed");

    // The dealer sees the booking in the live table…
    await signInAs(page, "dealer");
    await page.goto("/dealer/reservables");
    const row = page.locator(`[data-testid="reservable-row"][data-reservable-id="${slotId}"]`);
    await page.getByRole("textbox", { name: "검색" }).fill("분당");
    while (!(await row.isVisible())) await page.getByRole("button", { name: "›" }).click();
    await expect(row.locator("td").nth(6)).toHaveText("1"); // confirmed
    await screenshot(page, "reservables-dealer-ko");

    // …and closes the shop that day.
    await page.getByText("HUB 하루 전체 휴무").click();
    const form = page.getByTestId("cancel-day-form");
    await form.getByLabel("HUB").selectOption({ label: "분당 서현 대리점 HUB" });
    await form.getByLabel("날짜").fill(date);
    await form.getByLabel("고객에게 보일 사유").fill("매장 공사로 휴무합니다");
    await form.getByRole("button", { name: "하루 전체 취소" }).click();
    await form.getByRole("button", { name: "그날 모든 시간 취소 확인" }).click();
    await expect(form.getByRole("status")).toContainText("4개 시간 취소: 예약 1건 취소");
    await expect(row).toContainText("취소됨");
    await screenshot(page, "reservables-dealer-day-called-off");

    // The customer's page, still open, shows it cancelled with the dealer's reason, without a reload.
    await expect(mine).toHaveAttribute("data-status", "cancelled");
    await expect(mine.getByTestId("cancel-reason")).toContainText("매장 공사로 휴무합니다");
    await screenshot(customer, "reservations-cancelled-by-dealer");
    await setLanguage(page, "en");
    await expect(page.getByRole("heading", { name: "Reservables" })).toBeVisible();
    await page.getByRole("textbox", { name: "Search" }).fill("Bundang");
    await expect(row).toContainText("Cancelled");
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, "reservables-dealer-en");
    await customer.context().close();
  });
});
