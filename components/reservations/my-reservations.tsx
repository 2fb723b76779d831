"use client";

import { useLocale, useTranslations } from "next-intl";
import type { ReservationView } from "@/lib/reservations/queries";
import { ReservationCard } from "./reservation-card";
import { LiveDot } from "./status-badge";
import { useLiveReservations } from "./use-live-reservations";
import { EmptyState } from "@/components/ui/empty-state";

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
        <EmptyState title={t("empty")} action={{ href: "/reservations/browse", label: t("browseLink") }} />
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
