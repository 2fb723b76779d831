import type { Page } from "@playwright/test";
import { locationIds, stockAt } from "./api";
import { transferRows } from "./screens";
import { expect, screenshot, setLanguage, signInAs, test } from "./fixtures";

const SKU = "SM-X826N-2-1";

/** Full-page screenshots from the top, so the sticky header sits where it belongs. */
async function shot(page: Page, name: string) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, name);
}

test("a dealer's replenishment: requested, approved and shipped by marketing, received with a shortfall", async ({
  page,
  browser,
  baseURL,
}) => {
  await signInAs(page, "dealer");
  const gangnam = (await locationIds(page.request))("HUB-GANGNAM");
  const onHandAt = async (p: typeof page) =>
    (await stockAt(p.request, gangnam)).find((r) => r.sku === SKU)?.onHand ?? 0;
  const before = await onHandAt(page);

  // The dealer requests 6 tablets from the Icheon center into the Gangnam HUB.
  await page.goto("/dealer/transfers");
  await expect(page.getByRole("heading", { name: "재고 이동", level: 1 })).toBeVisible();
  const main = page.getByRole("main");
  const form = main.locator("details");
  if ((await form.getAttribute("open")) === null) await form.locator("summary").click();
  // Nothing chosen: the fields say what is missing, in Korean, and nothing is sent.
  await main.getByRole("button", { name: "요청 보내기" }).click();
  await expect(main.getByRole("alert")).toHaveText("표시된 항목을 확인하세요.");
  await expect(main.getByText("재고를 가져올 곳을 선택하세요.")).toBeVisible();
  await expect(main.getByText("품목을 선택하세요.")).toBeVisible();
  await shot(page, "transfers-dealer-form-errors-ko");
  await main.getByLabel("출발지").selectOption({ label: "수도권 물류센터 (이천)" });
  await main.getByLabel("도착 HUB").selectOption({ label: "강남역 대리점 HUB" });
  const item = main.getByLabel("품목 1", { exact: true });
  await item.selectOption((await item.locator("option", { hasText: SKU }).getAttribute("value"))!);
  await main.getByLabel("품목 1 수량").fill("6");
  await main.getByLabel("메모 (선택)").fill("주말 프로모션 대비");
  // Fixed fields lose their error messages.
  await expect(main.getByText("재고를 가져올 곳을 선택하세요.")).toHaveCount(0);
  await expect(main.getByText("품목을 선택하세요.")).toHaveCount(0);
  await shot(page, "transfers-dealer-form-ko");
  await main.getByRole("button", { name: "요청 보내기" }).click();
  await expect(main.getByRole("status")).toHaveText("요청을 보냈습니다.");
  const dealerRow = transferRows(page, SKU);
  await expect(dealerRow).toContainText("요청됨");
  await expect(dealerRow).toContainText("주말 프로모션 대비");
  await expect(dealerRow.getByRole("button", { name: "승인" })).toHaveCount(0); // not theirs to approve
  await shot(page, "transfers-dealer-requested-ko");

  // Marketing approves and ships it.
  const mkt = await browser.newContext({ baseURL });
  const mpage = await mkt.newPage();
  await signInAs(mpage, "marketing");
  await mpage.goto("/marketing/transfers?status=requested");
  const mrow = transferRows(mpage, SKU);
  await mrow.getByRole("button", { name: "승인" }).click();
  await expect(mrow).toHaveCount(0); // it left the "requested" filter
  await mpage.goto("/marketing/transfers");
  const mrow2 = transferRows(mpage, SKU);
  await expect(mrow2).toContainText("승인됨");
  await mrow2.getByRole("button", { name: "출고" }).click();
  await expect(mrow2).toContainText("운송 중");
  await shot(mpage, "transfers-marketing-ko");
  await setLanguage(mpage, "en");
  await expect(mrow2).toContainText("In transit");
  await shot(mpage, "transfers-marketing-en");
  await mkt.close();

  // In transit: not yet at the HUB.
  expect(await onHandAt(page)).toBe(before);

  // The dealer receives 4 of the 6.
  await page.reload();
  await expect(dealerRow).toContainText("운송 중");
  await dealerRow.getByRole("button", { name: "입고" }).click();
  await dealerRow.getByLabel(`${SKU} 입고 수량`).fill("4");
  await shot(page, "transfers-dealer-receiving-ko");
  await dealerRow.getByRole("button", { name: "입고 확정" }).click();
  await expect(dealerRow).toContainText("입고 완료");
  await expect(dealerRow).toContainText("입고 4, 부족 2");
  await shot(page, "transfers-dealer-received-ko");
  await setLanguage(page, "en");
  await expect(dealerRow).toContainText("received 4, short 2");
  await shot(page, "transfers-dealer-received-en");

  expect(await onHandAt(page)).toBe(before + 4);
});

test("marketing cancels a replenishment in transit, writing its line off with a reason", async ({ page }) => {
  const TABLET = "SM-X826N-1-1";
  await signInAs(page, "marketing");
  const at = await locationIds(page.request);
  const variants = await stockAt(page.request, at("LC-ICHEON"));
  const variantId = variants.find((v) => v.sku === TABLET)!.variantId;
  const made = await page.request.post("/api/transfers", {
    data: {
      fromLocationId: at("LC-ICHEON"),
      toLocationId: at("HUB-JONGNO"),
      items: [{ variantId, quantity: 2 }],
    },
  });
  expect(made.status()).toBe(201);
  const id = ((await made.json()) as { id: string }).id;
  for (const step of ["approve", "ship"])
    expect((await page.request.post(`/api/transfers/${id}/${step}`, { data: {} })).status()).toBe(200);

  await page.goto("/marketing/transfers?status=in_transit");
  const row = transferRows(page, TABLET);
  await row.getByRole("button", { name: "취소", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "운송 중인 이동 취소" });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel("손실 처리", { exact: true }).check();
  // A write-off needs a reason: nothing is sent without one.
  await dialog.getByRole("button", { name: "이동 취소" }).click();
  await expect(dialog.getByText("손실 처리 사유를 입력하세요.")).toBeVisible();
  await dialog.getByLabel(`${TABLET}의 손실 처리 사유`).fill("운송 중 파손");
  await shot(page, "transfers-cancel-in-transit-ko");
  await dialog.getByRole("button", { name: "이동 취소" }).click();
  await expect(dialog).toBeHidden();
  await page.goto("/marketing/transfers?status=cancelled");
  const done = transferRows(page, TABLET);
  await expect(done.first()).toContainText("2개 손실 처리: 운송 중 파손");
  await setLanguage(page, "en");
  await expect(done.first()).toContainText("2 written off: 운송 중 파손");
  await shot(page, "transfers-cancelled-in-transit-en");
  const view = (await (await page.request.get(`/api/transfers/${id}`)).json()) as { status: string };
  expect(view.status).toBe("cancelled");

  // A second one goes back to the center: its on hand is again what it was before the shipment.
  await setLanguage(page, "ko");
  const centerOnHand = async () =>
    (await stockAt(page.request, at("LC-ICHEON"))).find((r) => r.sku === TABLET)!.onHand;
  const before = await centerOnHand();
  const note = `반품 e2e ${Date.now()}`;
  const second = await page.request.post("/api/transfers", {
    data: {
      fromLocationId: at("LC-ICHEON"),
      toLocationId: at("HUB-JONGNO"),
      items: [{ variantId, quantity: 3 }],
      note,
    },
  });
  expect(second.status()).toBe(201);
  const secondId = ((await second.json()) as { id: string }).id;
  for (const step of ["approve", "ship"])
    expect((await page.request.post(`/api/transfers/${secondId}/${step}`, { data: {} })).status()).toBe(200);
  expect(await centerOnHand()).toBe(before - 3);
  await page.goto("/marketing/transfers?status=in_transit");
  const shipped = transferRows(page, note);
  await shipped.getByRole("button", { name: "취소", exact: true }).click();
  const back = page.getByRole("dialog", { name: "운송 중인 이동 취소" });
  await back.getByLabel(/반품$/).check();
  await back.getByRole("button", { name: "이동 취소" }).click();
  await expect(back).toBeHidden();
  expect(await centerOnHand()).toBe(before);
  await page.goto("/marketing/transfers?status=cancelled");
  await expect(transferRows(page, note)).toContainText("3개 출발지로 반품");
});
