"use client";

import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import type { ReservationView } from "@/lib/reservations/queries";
import { ReservationCard } from "./reservation-card";
import { LiveDot } from "./status-badge";
import { useLiveReservations } from "./use-live-reservations";

type WaitlistEntry = {
  id: string;
  quantity: number;
  position: number | null;
  reservable: ReservationView["reservable"];
};

export function MyReservations({
  initial,
  waitlist,
}: {
  initial: ReservationView[];
  waitlist: WaitlistEntry[];
}) {
  const t = useTranslations("reservations");
  const locale = useLocale() as "ko" | "en";
  const { items, connected } = useLiveReservations(initial);
  return (
    <div className="space-y-8">
      <div className="flex justify-end">
        <LiveDot connected={connected} />
      </div>
      {waitlist.length > 0 ? (
        <section>
          <h2 className="mb-3 text-lg font-semibold text-ink">{t("waitlistTitle")}</h2>
          <ul className="space-y-2">
            {waitlist.map((w) => (
              <li
                key={w.id}
                className="flex justify-between rounded-xl border border-slate-200 bg-white px-4 py-3 text-sm"
              >
                <span>
                  {w.reservable.productName[locale]} {t("quantityN", { quantity: w.quantity })}
                </span>
                <span className="font-medium text-amber-800">
                  {t("waitlistPosition", { position: w.position ?? 0 })}
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {items.length === 0 ? (
        <div className="rounded-2xl border border-dashed border-slate-300 bg-white p-10 text-center">
          <p className="text-slate-600">{t("empty")}</p>
          <Link
            href="/reservations/browse"
            className="mt-3 inline-block font-semibold text-brand-600 hover:underline"
          >
            {t("browseLink")}
          </Link>
        </div>
      ) : (
        <div className="grid gap-4 md:grid-cols-2">
          {items.map((r) => (
            <ReservationCard key={r.id} r={r} />
          ))}
        </div>
      )}
    </div>
  );
}
