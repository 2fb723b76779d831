import type { Locator, Page } from "@playwright/test";
import { expect } from "./fixtures";

// Locators and walks of the staff screens that several journeys go through.

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
