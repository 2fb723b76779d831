import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { LOCALE_COOKIE, localeFor, messageFiles, TIME_ZONE, type Locale } from "./config";

async function resolveLocale(): Promise<Locale> {
  const [jar, sent] = await Promise.all([cookies(), headers()]);
  return localeFor(jar.get(LOCALE_COOKIE)?.value, sent.get("accept-language"));
}

export default getRequestConfig(async () => {
  const locale = await resolveLocale();
  const parts = await Promise.all(
    messageFiles.map(
      async (f) => (await import(`../../messages/${locale}/${f}.json`)).default as Record<string, unknown>,
    ),
  );
  return {
    locale,
    timeZone: TIME_ZONE,
    // The request's moment, handed to the browser with the messages: client components that depend on
    // the time (countdowns, "opens later") render the same text on the server and in hydration.
    now: new Date(),
    messages: Object.assign({}, ...parts),
    // No `formats`: dates and amounts are written by lib/format.ts, the one home of formatting.
  };
});
