import type { Locator, Page } from "@playwright/test";
import { expect } from "./fixtures";

// Locators and walks of the screens that several journeys go through.

/** A shipping address as the checkout form (Korean UI) takes it; `region` is the label of its choice. */
export type CheckoutAddress = {
  name: string;
  phone: string;
  line1: string;
  line2: string;
  postalCode: string;
  region: string;
};

/** Fills the checkout form's shipping address. */
export async function fillAddress(page: Page, a: CheckoutAddress) {
  const main = page.getByRole("main");
  await main.getByLabel("받는 분").fill(a.name);
  await main.getByLabel("휴대폰 번호").fill(a.phone);
  await main.getByLabel("주소", { exact: true }).fill(a.line1);
  await main.getByLabel("상세 주소").fill(a.line2);
  await main.getByLabel("우편번호").fill(a.postalCode);
  await main.getByLabel("지역").selectOption({ label: a.region });
}

/**
 * Walks a fulfilment queue row (Korean UI) from confirmed to delivered, one button a step, checking the
 * status it shows after each.
 */
export async function fulfilToDelivery(row: Locator) {
  for (const [button, status] of [
    ["접수", "접수"],
    ["포장 완료", "포장 완료"],
    ["출고", "배송 중"],
    ["배송 완료", "배송 완료"],
  ] as const) {
    await row.getByRole("button", { name: button, exact: true }).click();
    await expect(row.locator("[data-status]")).toHaveText(status);
  }
}

/** The rows of the transfers table on the page (dealer or marketing) that mention `text`: a SKU, a note. */
export const transferRows = (page: Page, text: string) =>
  page.getByRole("main").getByTestId("transfers-table").getByRole("row").filter({ hasText: text });
