import { getLocale, getTranslations } from "next-intl/server";
import type { Role } from "@/lib/auth/actor";
import { HeaderAccount, type HeaderLabels } from "./header-account";
import { LocaleSwitch } from "./locale-switch";

const NAV_KEYS = [
  "shop",
  "reserve",
  "myOrders",
  "myReservations",
  "cart",
  "dashboard",
  "products",
  "sales",
  "reviews",
  "fulfilment",
  "reservables",
  "transfers",
  "audit",
  "stock",
] as const;
const ROLES: Role[] = ["customer", "dealer", "marketing", "seller"];

/**
 * The header. It reads no session on the server: who is signed in is drawn by HeaderAccount in the
 * browser, so no page is made per-visitor by its header.
 */
export async function SiteHeader() {
  const [t, locale] = await Promise.all([getTranslations("nav"), getLocale()]);
  const labels: HeaderLabels = {
    brand: t("brand"),
    main: t("main"),
    signIn: t("signIn"),
    signUp: t("signUp"),
    signOut: t("signOut"),
    nav: Object.fromEntries(NAV_KEYS.map((k) => [k, t(k)])),
    roles: Object.fromEntries(ROLES.map((r) => [r, t(`role.${r}`)])) as Record<Role, string>,
  };
  return (
    <header className="sticky top-0 z-30 border-b border-slate-200 bg-white/90 backdrop-blur">
      <div className="mx-auto flex h-16 max-w-7xl items-center gap-6 px-4 sm:px-6">
        <HeaderAccount labels={labels}>
          <LocaleSwitch locale={locale} />
        </HeaderAccount>
      </div>
    </header>
  );
}
