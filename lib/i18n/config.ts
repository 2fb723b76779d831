export const locales = ["ko", "en"] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = "ko";
export const LOCALE_COOKIE = "locale";
export const TIME_ZONE = "Asia/Seoul";

export function isLocale(v: unknown): v is Locale {
  return typeof v === "string" && (locales as readonly string[]).includes(v);
}

/**
 * The visitor's language, the one rule: the `locale` cookie when it names one; else an English-first
 * browser (Accept-Language starting with `en`) gets English until it chooses; else Korean, the
 * default. The pages resolve it here (lib/i18n/request.ts), and so does their cache's key
 * (lib/http/page-cache.ts), which must tell the two languages apart exactly as the pages do.
 */
export function localeFor(cookie: string | undefined, acceptLanguage: string | null | undefined): Locale {
  if (isLocale(cookie)) return cookie;
  return /^en\b/i.test((acceptLanguage ?? "").trim()) ? "en" : defaultLocale;
}

/**
 * Message files, one per domain, so that work on one domain never edits another's file.
 * Each file's top-level keys are namespaces (`useTranslations("orders")`).
 */
export const messageFiles = [
  "common",
  "catalog",
  "orders",
  "reservations",
  "staff",
  "images",
  "seller",
  "network",
] as const;
