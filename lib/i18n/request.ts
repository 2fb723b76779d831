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
    messageFiles.map(async (f) => (await import(`../../messages/${locale}/${f}.json`)).default as Record<string, unknown>),
  );
  return {
    locale,
    timeZone: TIME_ZONE,
    messages: Object.assign({}, ...parts),
    formats: {
      number: { krw: { style: "currency", currency: "KRW", maximumFractionDigits: 0 } },
      dateTime: {
        short: { dateStyle: "medium", timeStyle: "short" },
        date: { dateStyle: "medium" },
        time: { timeStyle: "short" },
      },
    },
  };
});
