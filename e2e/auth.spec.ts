import { DEMO, DEMO_PASSWORD, expect, expectHttpError, screenshot, setLanguage, test } from "./fixtures";

const homes = [
  ["customer", "/"],
  ["dealer", "/dealer"],
  ["marketing", "/marketing"],
  ["seller", "/seller"],
] as const;

test.describe("sign-in", () => {
  for (const [role, home] of homes) {
    test(`the ${role} lands on their home`, async ({ page }) => {
      await page.goto("/signin");
      await page.getByLabel("이메일").fill(DEMO[role]);
      await page.getByLabel("비밀번호").fill(DEMO_PASSWORD);
      await page.getByRole("button", { name: "로그인" }).last().click();
      await expect(page).toHaveURL((url) => url.pathname === home);
      await expect(page.getByTestId("signed-in-as")).toBeVisible();
      if (role === "customer") await screenshot(page, "home-customer");
    });
  }

  test("a wrong password is refused with a message", async ({ page }) => {
    expectHttpError(page, "/api/auth/callback/credentials", 401); // the refusal itself
    await page.goto("/signin");
    await page.getByLabel("이메일").fill(DEMO.customer);
    await page.getByLabel("비밀번호").fill("not-the-password");
    await page.getByRole("button", { name: "로그인" }).last().click();
    await expect(page.getByRole("main").getByRole("alert")).toContainText("올바르지 않습니다");
    await screenshot(page, "signin-error");
  });

  test("after 10 failed sign-ins an email is told to wait, whatever the password", async ({ page }) => {
    const email = `guess-${Date.now()}@example.com`; // its own counter: other tests are not affected
    expectHttpError(page, "/api/auth/callback/credentials", 401); // the ten wrong passwords
    expectHttpError(page, "/api/auth/callback/credentials", 429); // then limited, the password unread
    await page.goto("/signin");
    await page.getByLabel("이메일").fill(email);
    await page.getByLabel("비밀번호").fill("not-the-password");
    const submit = page.getByRole("button", { name: "로그인" }).last();
    const alert = page.getByRole("main").getByRole("alert");
    for (let i = 0; i < 10; i++) {
      await submit.click();
      await expect(alert).toContainText("올바르지 않습니다");
      await expect(submit).toBeEnabled();
    }
    await submit.click();
    await expect(alert).toContainText("15분 후에 다시 시도해 주세요");
    await screenshot(page, "signin-rate-limited");
    // The same in English.
    await setLanguage(page, "en");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill("not-the-password");
    await page.getByRole("button", { name: "Sign in" }).last().click();
    await expect(alert).toContainText("Wait 15 minutes");
    await screenshot(page, "signin-rate-limited-en");
  });

  test("a new customer signs up and is signed in", async ({ page }) => {
    await page.goto("/signup");
    await page.getByLabel("이름").fill("테스트 고객");
    await page.getByLabel("이메일").fill(`e2e-${Date.now()}@example.com`);
    await page.getByLabel("비밀번호").fill("a-long-password");
    await page.getByRole("button", { name: "계정 만들기" }).click();
    await expect(page.getByTestId("signed-in-as")).toContainText("테스트 고객");
  });
});
