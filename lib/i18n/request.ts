import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { defaultLocale, isLocale, LOCALE_COOKIE, messageFiles, TIME_ZONE, type Locale } from "./config";

async function resolveLocale(): Promise<Locale> {
  const fromCookie = (await cookies()).get(LOCALE_COOKIE)?.value;
  if (isLocale(fromCookie)) return fromCookie;
  const accept = (await headers()).get("accept-language") ?? "";
  // Korean is the default; an English-first browser gets English until it chooses.
  return /^en\b/i.test(accept.trim()) ? "en" : defaultLocale;
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
