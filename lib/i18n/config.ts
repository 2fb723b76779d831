export const locales = ["ko", "en"] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = "ko";
export const LOCALE_COOKIE = "locale";
export const TIME_ZONE = "Asia/Seoul";

export function isLocale(v: unknown): v is Locale {
  return typeof v === "string" && (locales as readonly string[]).includes(v);
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
