import { useLocale } from "next-intl";
import { defaultLocale, isLocale, TIME_ZONE, type Locale } from "@/lib/i18n/config";

/**
 * The one home of how the shop writes moments and amounts, on the server and in the browser alike.
 * Every formatter names its locale and the shop's time zone (Asia/Seoul) explicitly, so a server
 * render and the browser's hydration give the same text whatever the machine's or browser's settings.
 *
 * Clock times are 24-hour on purpose: Node's ICU (CLDR 48) writes Korean's afternoon as "PM" where
 * Chromium's writes "오후", and that difference was React's hydration error #418 on every page showing
 * a time. Only options that render identically in both are used here (e2e/pages.spec.ts watches).
 */
const DATE_TIME = {
  /** 2026. 11. 25. 21:07 · Nov 25, 2026, 21:07 */
  dateTime: { dateStyle: "medium", timeStyle: "short", hourCycle: "h23" },
  /** 2026. 11. 25. · Nov 25, 2026 */
  date: { dateStyle: "medium" },
  /** 21:07 · 21:07 */
  time: { timeStyle: "short", hourCycle: "h23" },
  /** 11월 25일 (수) · Wed, Nov 25 */
  day: { month: "short", day: "numeric", weekday: "short" },
  /** 11월 25일 (수) · Wed, November 25 */
  longDay: { month: "long", day: "numeric", weekday: "short" },
} as const satisfies Record<string, Intl.DateTimeFormatOptions>;

export type DateTimeStyle = keyof typeof DATE_TIME;
export type Moment = Date | string | number;

/** The BCP 47 tags the UI languages format with. */
const INTL_LOCALE: Record<Locale, string> = { ko: "ko-KR", en: "en-US" };

export type Format = {
  locale: Locale;
  /** A moment in Seoul, in one of the shop's styles. */
  dateTime(at: Moment, style: DateTimeStyle): string;
  /** An integer amount of won: ₩1,698,400. */
  krw(amount: number): string;
  /** An amount of won in few characters, for a chart's axis: ₩170만 · ₩1.7M. */
  krwShort(amount: number): string;
  /** A count or quantity: 1,234. */
  number(n: number): string;
};

const cache = new Map<Locale, Format>();

/** The formatter of a UI language (an unknown one falls back to Korean, the default). */
export function formatFor(locale: string): Format {
  const lang: Locale = isLocale(locale) ? locale : defaultLocale;
  const known = cache.get(lang);
  if (known) return known;
  const tag = INTL_LOCALE[lang];
  const dates = new Map<DateTimeStyle, Intl.DateTimeFormat>();
  const dateFormat = (style: DateTimeStyle) => {
    let f = dates.get(style);
    if (!f)
      dates.set(style, (f = new Intl.DateTimeFormat(tag, { ...DATE_TIME[style], timeZone: TIME_ZONE })));
    return f;
  };
  const krw = new Intl.NumberFormat(tag, { style: "currency", currency: "KRW", maximumFractionDigits: 0 });
  const krwShort = new Intl.NumberFormat(tag, {
    style: "currency",
    currency: "KRW",
    notation: "compact",
    maximumFractionDigits: 1,
  });
  const count = new Intl.NumberFormat(tag);
  const format: Format = {
    locale: lang,
    dateTime: (at, style) => dateFormat(style).format(new Date(at)),
    krw: (amount) => krw.format(amount),
    krwShort: (amount) => krwShort.format(amount),
    number: (n) => count.format(n),
  };
  cache.set(lang, format);
  return format;
}

/** The formatter of the page's language, in server and client components (async pages: `formatFor(await getLocale())`). */
export function useFormat(): Format {
  return formatFor(useLocale());
}

const dayParts = new Intl.DateTimeFormat("en-US", {
  timeZone: TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

/** The calendar day in Seoul as `YYYY-MM-DD` (a key, and the value of an `<input type="date">`). */
export function seoulDayKey(at: Moment): string {
  const parts = Object.fromEntries(dayParts.formatToParts(new Date(at)).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}
