import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { currentActor } from "@/lib/auth/session";
import { navFor } from "@/lib/auth/nav";
import { LocaleSwitch } from "./locale-switch";
import { SignOutButton } from "./sign-out-button";

export async function SiteHeader() {
  const [actor, t, locale] = await Promise.all([currentActor(), getTranslations("nav"), getLocale()]);
  const items = navFor(actor?.role ?? null);
  return (
    <header className="sticky top-0 z-30 border-b border-slate-200 bg-white/90 backdrop-blur">
      <div className="mx-auto flex h-16 max-w-7xl items-center gap-6 px-4 sm:px-6">
        <Link href={actor ? items[0]!.href : "/"} className="flex items-center gap-2 font-bold text-ink">
          <span className="grid h-8 w-8 place-items-center rounded-lg bg-brand-600 text-sm text-white">
            H
          </span>
          <span className="text-lg tracking-tight">{t("brand")}</span>
        </Link>
        <nav aria-label={t("main")} className="flex flex-1 items-center gap-1 overflow-x-auto">
          {items.map((item) => (
            <Link
              key={item.href}
              href={item.href}
              className="whitespace-nowrap rounded-md px-3 py-2 text-sm font-medium text-slate-600 hover:bg-slate-100 hover:text-ink"
            >
              {t(item.label)}
            </Link>
          ))}
        </nav>
        <div className="flex items-center gap-3">
          <LocaleSwitch locale={locale} />
          {actor ? (
            <div className="flex items-center gap-3">
              <span className="hidden text-sm text-slate-600 md:inline" data-testid="signed-in-as">
                {actor.name} · {t(`role.${actor.role}`)}
              </span>
              <SignOutButton label={t("signOut")} />
            </div>
          ) : (
            <div className="flex items-center gap-2">
              <Link
                href="/signin"
                className="rounded-md px-3 py-2 text-sm font-medium text-slate-700 hover:bg-slate-100"
              >
                {t("signIn")}
              </Link>
              <Link
                href="/signup"
                className="rounded-md bg-brand-600 px-3 py-2 text-sm font-semibold text-white hover:bg-brand-700"
              >
                {t("signUp")}
              </Link>
            </div>
          )}
        </div>
      </div>
    </header>
  );
}
