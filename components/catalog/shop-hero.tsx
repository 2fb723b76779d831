import { useTranslations } from "next-intl";
import { BoltIcon, CalendarIcon, TruckIcon } from "./icons";

/** What this shop is, in one band: HUB speed, center reach, and reservations. */
export function ShopHero() {
  const t = useTranslations("catalog.shop");
  const features = [
    {
      title: t("heroHub"),
      text: t("heroHubText"),
      icon: <BoltIcon />,
      accent: "bg-amber-400 text-amber-950",
    },
    {
      title: t("heroCenter"),
      text: t("heroCenterText"),
      icon: <TruckIcon />,
      accent: "bg-sky-300 text-sky-950",
    },
    {
      title: t("heroReserve"),
      text: t("heroReserveText"),
      icon: <CalendarIcon />,
      accent: "bg-violet-300 text-violet-950",
    },
  ];
  return (
    <section className="relative overflow-hidden rounded-3xl bg-gradient-to-br from-brand-700 via-indigo-800 to-slate-900 px-6 py-10 text-white shadow-lg sm:px-10 sm:py-12">
      <div className="pointer-events-none absolute -right-24 -top-24 h-72 w-72 rounded-full bg-sky-400/20 blur-3xl" />
      <div className="pointer-events-none absolute -bottom-32 left-1/3 h-72 w-72 rounded-full bg-violet-500/20 blur-3xl" />
      <div className="relative grid gap-8 lg:grid-cols-[1.2fr_1fr] lg:items-center">
        <div>
          <p className="text-xs font-semibold uppercase tracking-[0.2em] text-sky-200">{t("heroEyebrow")}</p>
          <h1 className="mt-3 text-3xl font-extrabold leading-tight tracking-tight sm:text-4xl">
            {t("heroTitle")}
          </h1>
          <p className="mt-4 max-w-xl text-sm leading-relaxed text-slate-200 sm:text-base">{t("heroText")}</p>
        </div>
        <ul className="grid gap-3">
          {features.map((f) => (
            <li
              key={f.title}
              className="flex items-center gap-4 rounded-2xl bg-white/10 p-4 ring-1 ring-white/15 backdrop-blur"
            >
              <span className={`grid h-11 w-11 shrink-0 place-items-center rounded-xl ${f.accent}`}>
                {f.icon}
              </span>
              <span>
                <span className="block text-sm font-bold">{f.title}</span>
                <span className="block text-xs text-slate-300">{f.text}</span>
              </span>
            </li>
          ))}
        </ul>
      </div>
    </section>
  );
}
