import type { Page } from "@playwright/test";
import { apiAs, locationIds, stockAt } from "./api";
import { transferRows } from "./screens";
import { DEMO, expect, screenshot, setLanguage, signInAs, test } from "./fixtures";

/**
 * The HUB network runs itself: a dealer's reorder point, count correction (and a stale one refused) and
 * the replenishment prefilled from the low models; marketing approves and ships it, books a receipt at
 * the center, runs the ledger check and reads the dashboard; the dealer receives short, and the
 * movement history shows each step. (Cancelling a transfer in transit is not on main yet: not here.)
 */

async function shot(page: Page, name: string) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, name);
}

const REFERENCE_KO = "입고 참조 (송장·발주 번호)";
test("a dealer's hub runs on reorder points; marketing ships, books and checks; the history explains it", async ({
  page,
  browser,
  baseURL,
}) => {
  test.setTimeout(420_000);
  const loc = await locationIds(page.request);
  const gangnam = loc("HUB-GANGNAM");
  const marketingApi = await apiAs(baseURL!, DEMO.marketing);
  const dealerApi = await apiAs(baseURL!, DEMO.dealer);

  // A model no other spec touches, and one more to give the dashboard delivered orders of both kinds.
  const hubRows = await stockAt(dealerApi, gangnam);
  const mine = hubRows
    .filter((r) => r.sku.startsWith("IP16P-"))
    .sort((a, b) => a.sku.localeCompare(b.sku))[0]!;
  const SKU = mine.sku;
  const other = hubRows
    .filter((r) => r.sku.startsWith("IP16P-"))
    .sort((a, b) => a.sku.localeCompare(b.sku))[1]!;
  const customer = await apiAs(baseURL!, DEMO.customer2);
  for (const source of ["HUB-JONGNO", "LC-DAEJEON"]) {
    const placed = await customer.post("/api/orders", {
      data: {
        items: [{ variantId: other.variantId, quantity: 1 }],
        sourceLocationId: loc(source),
        shippingAddress: {
          name: "네트워크 점검",
          phone: "010-2222-3333",
          line1: "서울특별시 종로구 종로 1",
          postalCode: "03154",
          region: "seoul",
        },
      },
    });
    expect(placed.status(), await placed.text()).toBe(201);
    const order = (await placed.json()) as { sellerOrders: { id: string }[] };
    for (const step of ["accept", "pack", "ship", "deliver"]) {
      const res = await marketingApi.post(`/api/seller-orders/${order.sellerOrders[0]!.id}/${step}`, {
        data: {},
      });
      expect(res.ok(), `${step}: ${await res.text()}`).toBeTruthy();
    }
  }

  // The dealer's stock page: the Gangnam HUB, the model's figures.
  await signInAs(page, "dealer");
  await page.goto("/dealer");
  await page
    .getByRole("navigation", { name: "주 메뉴" })
    .getByRole("link", { name: "HUB 재고", exact: true })
    .click();
  await expect(page.getByRole("heading", { name: "HUB 재고", level: 1 })).toBeVisible();
  const main = page.getByRole("main");
  await main.getByRole("link", { name: "강남역 대리점 HUB" }).click();
  await expect(page).toHaveURL(/hub=/);
  // The iPhones come last, by name, on the second page.
  await main
    .getByRole("navigation", { name: "재고 페이지" })
    .getByRole("link", { name: "2", exact: true })
    .click();
  await expect(page).toHaveURL(/page=2/);
  const row = () => main.getByTestId("hub-stock").getByRole("row").filter({ hasText: SKU });
  await expect(row()).toContainText("미설정");
  await expect(main.getByText("모든 모델이 재주문점 이상입니다.")).toBeVisible();
  await shot(page, "network-dealer-stock-ko");

  // A reorder point 5 above what is available: the model reads low.
  const point = mine.available + 5;
  await row()
    .getByRole("button", { name: /재주문점 설정$/ })
    .click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("재주문점").fill("1001");
  await dialog.getByRole("button", { name: "저장" }).click();
  await expect(dialog.getByText("0부터 1,000까지의 정수를 입력하세요.")).toBeVisible();
  await dialog.getByLabel("재주문점").fill(String(point));
  await dialog.getByRole("button", { name: "저장" }).click();
  await expect(main.getByRole("status")).toContainText(
    `재주문점을 ${point.toLocaleString("en-US")}(으)로 설정했습니다.`,
  );
  await expect(row()).toContainText("부족");
  await expect(main.getByText(/재주문점 미만 모델 1개/)).toBeVisible();

  // A count correction that went stale: someone else corrected it while the dialog was open.
  await row()
    .getByRole("button", { name: /실사 보정$/ })
    .click();
  await expect(dialog).toContainText(`${mine.onHand.toLocaleString("en-US")}`);
  const elsewhere = await dealerApi.post(`/api/locations/${gangnam}/adjustments`, {
    data: {
      variantId: mine.variantId,
      expectedOnHand: mine.onHand,
      onHand: mine.onHand - 1,
      reason: "매장 동시 실사",
    },
  });
  expect(elsewhere.status()).toBe(200);
  await dialog.getByLabel("실사 수량").fill(String(mine.onHand - 2));
  await dialog.getByLabel("사유").fill("진열 파손 1대");
  await dialog.getByRole("button", { name: "보정 저장" }).click();
  await expect(dialog.getByRole("alert")).toContainText(
    `지금 보유 ${(mine.onHand - 1).toLocaleString("en-US")}개`,
  );
  await shot(page, "network-dealer-stale-ko");
  await dialog.getByRole("button", { name: "새 수량으로 다시 보정" }).click();
  await expect(main.getByRole("status")).toContainText(
    `보유 수량을 ${(mine.onHand - 2).toLocaleString("en-US")}(으)로 보정했습니다.`,
  );
  const available = mine.available - 2;
  await expect(row()).toContainText(String(available));
  await shot(page, "network-dealer-low-ko");
  await setLanguage(page, "en");
  await expect(row()).toContainText("Low");
  await shot(page, "network-dealer-stock-en");
  await setLanguage(page, "ko");

  // Request replenishment: the form comes filled in from the Icheon center with the top-up.
  await main.getByRole("link", { name: "보충 요청" }).click();
  await expect(page).toHaveURL(/\/dealer\/transfers\?/);
  await expect(main.getByLabel("출발지")).toHaveValue(loc("LC-ICHEON"));
  await expect(main.getByLabel("도착 HUB")).toHaveValue(gangnam);
  await expect(main.getByLabel("품목 1", { exact: true })).toHaveValue(mine.variantId);
  const topUp = point - available;
  await expect(main.getByLabel("품목 1 수량")).toHaveValue(String(topUp));
  await expect(main.getByLabel("품목 2", { exact: true })).toHaveCount(0);
  await shot(page, "network-dealer-replenish-ko");
  await main.getByRole("button", { name: "요청 보내기" }).click();
  await expect(main.getByRole("status")).toHaveText("요청을 보냈습니다.");
  const transferRow = transferRows(page, SKU);
  await expect(transferRow).toContainText("요청됨");

  // Marketing approves and ships it, books a receipt at the center, checks the ledger.
  const mkt = await browser.newContext({ baseURL });
  const mpage = await mkt.newPage();
  await signInAs(mpage, "marketing");
  const mmain = mpage.getByRole("main");
  await mpage.goto("/marketing/transfers?status=requested");
  const requested = transferRows(mpage, SKU);
  await requested.getByRole("button", { name: "승인" }).click();
  // The approval lands (the row leaves the requested list) before the next page is asked for: leaving
  // at once would cancel the action in flight.
  await expect(requested).toHaveCount(0);
  await mpage.goto("/marketing/transfers?status=approved");
  const approved = transferRows(mpage, SKU);
  await approved.getByRole("button", { name: "출고" }).click();
  await expect(approved).toHaveCount(0);

  // Receipts and the ledger check are reached from the network dashboard (marketing's home).
  await mpage.goto("/marketing");
  await mmain.getByRole("navigation", { name: "재고 도구" }).getByRole("link", { name: "입고 관리" }).click();
  await expect(mpage.getByRole("heading", { name: "입고 관리", level: 1 })).toBeVisible();
  await expect(mmain.getByRole("link", { name: "수도권 물류센터 (이천)" })).toHaveAttribute(
    "aria-current",
    "page",
  );
  const centerBefore = (await stockAt(marketingApi, loc("LC-ICHEON"))).find((r) => r.sku === SKU)!;
  const qty = mmain
    .getByTestId("warehouse-stock")
    .getByRole("row")
    .filter({ hasText: SKU })
    .getByRole("textbox");
  await qty.fill("30");
  await mmain.getByLabel(REFERENCE_KO).fill("SUP-E2E-0001");
  await mmain.getByRole("button", { name: "입고 등록" }).click();
  await expect(mmain.getByRole("status")).toContainText("30개 입고했습니다.");
  await expect(
    mmain.getByTestId("receipts").getByRole("row").filter({ hasText: "SUP-E2E-0001" }),
  ).toContainText(`${SKU} × 30`);
  const centerAfter = (await stockAt(marketingApi, loc("LC-ICHEON"))).find((r) => r.sku === SKU)!;
  expect(centerAfter.onHand).toBe(centerBefore.onHand + 30);
  await shot(mpage, "network-receipts-ko");
  await setLanguage(mpage, "en");
  await expect(mpage.getByRole("heading", { name: "Goods receipts", level: 1 })).toBeVisible();
  await shot(mpage, "network-receipts-en");
  await setLanguage(mpage, "ko");

  await mmain
    .getByRole("navigation", { name: "현재 위치" })
    .getByRole("link", { name: "네트워크 대시보드" })
    .click();
  await mmain.getByRole("navigation", { name: "재고 도구" }).getByRole("link", { name: "원장 점검" }).click();
  await expect(mmain.getByText("아직 점검하지 않았습니다.", { exact: false })).toBeVisible();
  await shot(mpage, "network-ledger-idle-ko");
  await mmain.getByRole("link", { name: "점검 실행" }).click();
  await expect(mmain.getByRole("status")).toContainText("불일치 없음");
  await shot(mpage, "network-ledger-ko");
  await setLanguage(mpage, "en");
  await expect(mmain.getByRole("status")).toContainText("No drift");
  await shot(mpage, "network-ledger-en");
  await setLanguage(mpage, "ko");

  // The dashboard: both charts drawn, with their tables; the transfer counts as in flight.
  await mpage
    .getByRole("navigation", { name: "주 메뉴" })
    .getByRole("link", { name: "대시보드", exact: true })
    .click();
  await expect(mpage.getByRole("heading", { name: "네트워크 대시보드", level: 1 })).toBeVisible();
  await expect(mmain.getByTestId("lead-time-chart").locator("svg.recharts-surface").first()).toBeVisible();
  await expect(mmain.getByTestId("orders-chart").locator("svg.recharts-surface").first()).toBeVisible();
  await expect(
    mmain.getByTestId("lead-time-table").getByRole("row").filter({ hasText: "물류센터" }),
  ).not.toContainText("–");
  await expect(mmain.getByTestId("orders-table")).toBeVisible();
  const kpis = (await (await marketingApi.get("/api/kpis")).json()) as { transfersInFlight: number };
  expect(kpis.transfersInFlight).toBeGreaterThanOrEqual(1);
  await shot(mpage, "network-dashboard-ko");
  await setLanguage(mpage, "en");
  await expect(mpage.getByRole("heading", { name: "Network dashboard", level: 1 })).toBeVisible();
  await shot(mpage, "network-dashboard-en");
  // An empty range reads as empty, not as zeros drawn.
  await mpage.goto("/marketing?from=2024-01-01&to=2024-01-07");
  await expect(mmain.getByText("No delivered orders in this period.")).toBeVisible();
  await expect(mmain.getByText("No orders in this period.")).toBeVisible();
  await shot(mpage, "network-dashboard-empty-en");
  await mkt.close();

  // The dealer receives the replenishment short: 2 fewer than shipped.
  await page.reload();
  await expect(transferRow).toContainText("운송 중");
  await transferRow.getByRole("button", { name: "입고" }).click();
  await transferRow.getByLabel(`${SKU} 입고 수량`).fill(String(topUp - 2));
  await transferRow.getByRole("button", { name: "입고 확정" }).click();
  await expect(transferRow).toContainText(`입고 ${topUp - 2}, 부족 2`);

  // The model's history: the receipt of the transfer, both corrections with their reasons, the opening stock.
  await page.goto(`/dealer/stock?hub=${gangnam}&low=1`);
  await row()
    .getByRole("link", { name: /재고 이력$/ })
    .click();
  await expect(page).toHaveURL(/variant=/);
  const history = main.getByTestId("movements");
  const lines = history.getByRole("row");
  await expect(lines.nth(1)).toContainText("이동 입고");
  await expect(lines.nth(1)).toContainText(`+${topUp - 2}`);
  await expect(lines.nth(1)).toContainText("재고 이동");
  await expect(lines.nth(2)).toContainText("실사 보정");
  await expect(lines.nth(2)).toContainText("진열 파손 1대");
  await expect(lines.nth(2)).toContainText("박지훈");
  await expect(lines.nth(3)).toContainText("매장 동시 실사");
  await expect(lines.nth(3)).toContainText("−1");
  await expect(history).toContainText("기초 재고");
  await expect(row()).toContainText(String(available + topUp - 2));
  await shot(page, "network-dealer-history-ko");
  await setLanguage(page, "en");
  await expect(lines.nth(1)).toContainText("Transfer received");
  await shot(page, "network-dealer-history-en");
  for (const ctx of [marketingApi, dealerApi, customer]) await ctx.dispose();
});
