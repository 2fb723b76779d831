import type { Page } from "@playwright/test";
import { locationIds, stockAt } from "./api";
import { transferRows } from "./screens";
import { expect, screenshot, setLanguage, signInAs, test } from "./fixtures";

const SKU = "SM-S938N-2-2";

/** Full-page screenshots from the top, so the sticky header sits where it belongs. */
async function shot(page: Page, name: string) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, name);
}

const seoulDay = (d: Date) => new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Seoul" }).format(d);

test("marketing approves a transfer and finds it in the audit log, filtered by action and day, in Korean and English", async ({
  page,
}) => {
  await signInAs(page, "marketing");
  const loc = await locationIds(page.request);
  const stock = await stockAt(page.request, loc("LC-ICHEON"));
  const note = `audit e2e ${Date.now()}`;
  const created = await page.request.post("/api/transfers", {
    data: {
      fromLocationId: loc("LC-ICHEON"),
      toLocationId: loc("HUB-JONGNO"),
      items: [{ variantId: stock.find((s) => s.sku === SKU)!.variantId, quantity: 1 }],
      note,
    },
  });
  expect(created.status()).toBe(201);

  // Marketing approves it on the transfers page.
  await page.goto("/marketing/transfers?status=requested");
  const row = transferRows(page, note);
  await row.getByRole("button", { name: "승인" }).click();
  await expect(row).toHaveCount(0); // it left the "requested" filter

  // The audit log is in marketing's navigation; the approval is its newest row, with who did it.
  await page.getByRole("navigation").getByRole("link", { name: "감사 기록" }).click();
  await expect(page).toHaveURL(/\/marketing\/audit$/);
  await expect(page.getByRole("heading", { name: "감사 기록", level: 1 })).toBeVisible();
  const table = page.getByRole("main").getByTestId("audit-table");
  const rows = table.locator("tbody tr");
  await expect(rows.first()).toContainText("이동 승인");
  await expect(rows.first()).toContainText("정하늘 (마케팅본부)");
  await expect(rows.first()).toContainText("요청됨 → 승인됨");
  const requested = table.getByRole("row").filter({ hasText: "이동 요청" }).filter({ hasText: note });
  await expect(requested).toHaveCount(1);
  await expect(requested).toContainText("수도권 물류센터 (이천) → 종로 직영 HUB");
  await expect(requested).toContainText(`${SKU} × 1`);
  await shot(page, "audit-marketing-ko");

  // Only approvals, today (Seoul).
  const main = page.getByRole("main");
  await main.getByLabel("작업", { exact: true }).selectOption({ label: "이동 승인" });
  const today = seoulDay(new Date());
  await main.getByLabel("시작일").fill(today);
  await main.getByLabel("종료일").fill(today);
  await main.getByRole("button", { name: "적용" }).click();
  await expect(page).toHaveURL(/action=transfer\.approve/);
  await expect(rows.first()).toContainText("이동 승인");
  await expect(rows.filter({ hasText: "이동 요청" })).toHaveCount(0);
  expect(await rows.count()).toBeGreaterThan(0);
  for (const text of await rows.allInnerTexts()) expect(text).toContain("이동 승인");
  await shot(page, "audit-marketing-approvals-ko");

  await setLanguage(page, "en");
  await expect(page.getByRole("heading", { name: "Audit log", level: 1 })).toBeVisible();
  await expect(rows.first()).toContainText("Transfer approved");
  await expect(rows.first()).toContainText("Requested → Approved");
  await expect(main.getByLabel("Action", { exact: true })).toHaveValue("transfer.approve");
  await shot(page, "audit-marketing-approvals-en");

  // A day with nothing in it: the empty state.
  const tomorrow = seoulDay(new Date(Date.now() + 86_400_000));
  await page.goto(`/marketing/audit?action=transfer.approve&from=${tomorrow}&to=${tomorrow}`);
  await expect(table).toContainText("Nothing matches these filters.");
});
