import { expect, expectHttpError, test } from "./fixtures";

/**
 * The shared fixture itself: what must fail a spec does (each `test.fail()` passes only if the test
 * fails), and what a spec declared does not.
 */
test.describe("the shared fixture", () => {
  test("fails a test on a console error", async ({ page }) => {
    test.fail();
    await page.goto("/signin");
    await page.evaluate(() => console.error("something broke"));
  });

  test("fails a test on an uncaught error in the page", async ({ page }) => {
    test.fail();
    await page.goto("/signin");
    await Promise.all([
      page.waitForEvent("pageerror"),
      page.evaluate(() => {
        setTimeout(() => {
          throw new Error("uncaught");
        }, 0);
      }),
    ]);
  });

  test("fails a test on an HTTP error from the shop it did not expect", async ({ page }) => {
    test.fail();
    await page.goto("/no-such-page");
  });

  test("watches the browser contexts a spec opens itself", async ({ browser }) => {
    test.fail();
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto("/no-such-page");
    await context.close();
  });

  test("lets a declared HTTP error through", async ({ page }) => {
    expectHttpError(page, "/no-such-page", 404);
    const res = await page.goto("/no-such-page");
    expect(res?.status()).toBe(404);
  });

  test("fails a test when a declared HTTP error never comes", async ({ page }) => {
    test.fail();
    expectHttpError(page, "/no-such-page", 404);
    await page.goto("/signin");
  });

  test.describe("with expectedHttpErrors for a block", () => {
    test.use({ expectedHttpErrors: [{ url: /\/no-such-page$/, status: 404 }] });
    test("lets the listed answers through", async ({ page }) => {
      expect((await page.goto("/no-such-page"))?.status()).toBe(404);
      await page.goto("/signin"); // and asks for none of them to come
    });
  });
});
