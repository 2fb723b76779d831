"use client";

import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { useFailureText } from "@/components/ui/failure-text";
import { seoulDayKey, useFormat } from "@/lib/format";
import { useRouter } from "next/navigation";
import { useEffect, useMemo, useState, useTransition } from "react";
import { joinWaitlistAction, reserveAction } from "@/app/(shop)/reservations/actions";
import { Button } from "@/components/ui/button";
import {
  unpackBrowse,
  type BrowseData,
  type BrowseHub,
  type BrowseItem,
} from "@/lib/reservations/browse-view";
import { ReservationCard } from "./reservation-card";
import { LiveDot } from "./status-badge";
import { useLiveReservations, useNow } from "./use-live-reservations";

type Viewer = "guest" | "customer" | "staff";

/**
 * The customer's reservation page: launch pre-orders with what is left, and a week of appointment
 * times per HUB. Reserving sends the request (202 pending) and shows its status live below, as the
 * worker decides it.
 */
export function Browse({ data, viewer, returnTo }: { data: BrowseData; viewer: Viewer; returnTo: string }) {
  const t = useTranslations("reservations");
  const [requested, setRequested] = useState<string[]>([]);
  const [notice, setNotice] = useState<{ kind: "ok" | "error"; text: string } | null>(null);
  const live = useLiveReservations([], {
    key: requested.join(","),
    enabled: viewer === "customer" && requested.length > 0,
  });
  const mine = live.items.filter((r) => requested.includes(r.id));
  const { preorders, slots } = useMemo(() => unpackBrowse(data), [data]);
  const [pending, startTransition] = useTransition();
  const [joined, setJoined] = useState<string[]>([]);
  const router = useRouter();
  // When one of this page's requests is decided, what is left has changed: fetch it again.
  const decidedKey = mine.map((r) => `${r.id}:${r.status}`).join(",");
  useEffect(() => {
    if (decidedKey) router.refresh();
  }, [decidedKey, router]);

  const failureText = useFailureText("reservations.errors");
  const reserve = (reservableId: string, quantity: number) =>
    startTransition(async () => {
      setNotice(null);
      const out = await reserveAction({ reservableId, quantity });
      if (out.ok) setRequested((ids) => [out.data.id, ...ids]);
      else setNotice({ kind: "error", text: failureText(out) });
    });
  const joinWaitlist = (reservableId: string, quantity: number) =>
    startTransition(async () => {
      setNotice(null);
      const out = await joinWaitlistAction(reservableId, { quantity });
      if (out.ok) {
        setJoined((ids) => [...ids, reservableId]);
        setNotice({ kind: "ok", text: t("joinedWaitlist", { position: out.data.position }) });
      } else setNotice({ kind: "error", text: failureText(out) });
    });
  const actions = { viewer, returnTo, pending, reserve, joinWaitlist, joined };

  return (
    <div className="space-y-10">
      {notice ? (
        <p
          role={notice.kind === "error" ? "alert" : "status"}
          className={`rounded-xl px-4 py-3 text-sm ${notice.kind === "error" ? "bg-red-50 text-red-700" : "bg-emerald-50 text-emerald-800"}`}
        >
          {notice.text}
        </p>
      ) : null}
      {requested.length > 0 ? (
        <section
          aria-labelledby="my-requests"
          className="rounded-2xl border border-brand-100 bg-brand-50/50 p-4"
        >
          <div className="mb-3 flex items-center justify-between">
            <h2 id="my-requests" className="font-semibold text-ink">
              {t("myTitle")}
            </h2>
            <div className="flex items-center gap-4">
              <LiveDot connected={live.connected} />
              <Link href="/reservations" className="text-sm font-semibold text-brand-600 hover:underline">
                {t("viewMine")}
              </Link>
            </div>
          </div>
          <div className="grid gap-3 md:grid-cols-2">
            {mine.map((r) => (
              <div key={r.id} className="space-y-2">
                <ReservationCard r={r} />
                {r.status === "rejected" && r.reason === "sold_out" && !joined.includes(r.reservableId) ? (
                  <Button
                    variant="secondary"
                    disabled={pending}
                    onClick={() => joinWaitlist(r.reservableId, r.quantity)}
                  >
                    {t("joinWaitlist")}
                  </Button>
                ) : null}
              </div>
            ))}
          </div>
        </section>
      ) : null}

      {preorders.length > 0 || slots.length === 0 ? (
        <section aria-labelledby="preorders">
          <h2 id="preorders" className="mb-4 text-xl font-bold text-ink">
            {t("preorders")}
          </h2>
          {preorders.length === 0 ? (
            <p className="text-slate-600">{t("noPreorders")}</p>
          ) : (
            <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
              {preorders.map((r) => (
                <PreorderCard key={r.id} r={r} {...actions} />
              ))}
            </div>
          )}
        </section>
      ) : null}

      {slots.length > 0 ? <SlotCalendar slots={slots} hubList={data.hubs} {...actions} /> : null}
    </div>
  );
}

type Actions = {
  viewer: Viewer;
  returnTo: string;
  pending: boolean;
  reserve: (id: string, quantity: number) => void;
  joinWaitlist: (id: string, quantity: number) => void;
  joined: string[];
};

function ReserveControls({
  r,
  viewer,
  returnTo,
  pending,
  reserve,
  joinWaitlist,
  joined,
  label,
}: Actions & { r: BrowseItem; label?: string }) {
  const t = useTranslations("reservations");
  const max = Math.max(1, Math.min(r.perCustomerLimit ?? 10, 10));
  const [quantity, setQuantity] = useState(1);
  const now = useNow(30_000);
  const opensLater = r.opensAt && new Date(r.opensAt).getTime() > now;
  if (viewer === "staff") return null;
  if (viewer === "guest") {
    return (
      <Link
        href={`/signin?callbackUrl=${encodeURIComponent(returnTo)}`}
        className="inline-flex items-center justify-center rounded-lg bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700"
      >
        {t("signInToReserve")}
      </Link>
    );
  }
  if (r.available === 0 && joined.includes(r.id))
    return <p className="text-sm font-medium text-amber-800">{t("onWaitlist")}</p>;
  if (r.available === 0) {
    return (
      <Button variant="secondary" disabled={pending} onClick={() => joinWaitlist(r.id, 1)}>
        {t("joinWaitlist")}
      </Button>
    );
  }
  return (
    <div className="flex items-end gap-2">
      {max > 1 ? (
        <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
          {t("quantity")}
          <select
            value={quantity}
            onChange={(e) => setQuantity(Number(e.target.value))}
            className="rounded-lg border border-slate-300 bg-white px-2 py-2 text-sm"
          >
            {Array.from({ length: max }, (_, i) => i + 1).map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      <Button disabled={pending || Boolean(opensLater)} onClick={() => reserve(r.id, quantity)}>
        {pending ? t("reserving") : (label ?? t("reserve"))}
      </Button>
    </div>
  );
}

function PreorderCard(props: Actions & { r: BrowseItem }) {
  const { r } = props;
  const t = useTranslations("reservations");
  const format = useFormat();
  const now = useNow(30_000);
  const used = r.capacity === 0 ? 100 : Math.round(((r.capacity - r.available) / r.capacity) * 100);
  return (
    <article
      className="flex flex-col rounded-2xl border border-slate-200 bg-white p-5 shadow-sm"
      data-testid="preorder"
      data-reservable-id={r.id}
    >
      <div className="flex items-start justify-between gap-2">
        <div>
          <h3 className="font-semibold text-ink">{r.productName}</h3>
          <p className="text-sm text-slate-600">{r.variantName || r.sku}</p>
        </div>
        {r.available === 0 ? (
          <span className="rounded-full bg-slate-900 px-2.5 py-1 text-xs font-semibold text-white">
            {t("soldOut")}
          </span>
        ) : null}
      </div>
      <p className="mt-3 text-lg font-bold text-ink">{format.krw(r.price)}</p>
      <div className="mt-3">
        <div className="h-2 overflow-hidden rounded-full bg-slate-100" aria-hidden>
          <div
            className={`h-full rounded-full ${r.available === 0 ? "bg-slate-400" : "bg-brand-500"}`}
            style={{ width: `${used}%` }}
          />
        </div>
        <p className="mt-1.5 text-sm font-medium text-slate-700" data-testid="available">
          {t("left", { available: r.available, capacity: r.capacity })}
        </p>
      </div>
      <ul className="mt-3 space-y-0.5 text-xs text-slate-500">
        {r.startsAt ? <li>{t("launch", { date: format.dateTime(r.startsAt, "date") })}</li> : null}
        {r.opensAt && new Date(r.opensAt).getTime() > now ? (
          <li>{t("opens", { date: format.dateTime(r.opensAt, "dateTime") })}</li>
        ) : null}
        <li>{r.perCustomerLimit ? t("limit", { limit: r.perCustomerLimit }) : t("noLimit")}</li>
        <li>{t("cancelBy", { date: format.dateTime(r.cancelDeadline, "dateTime") })}</li>
        <li>{t("holdInfo", { minutes: r.holdMinutes })}</li>
      </ul>
      <div className="mt-4 flex flex-1 items-end">
        <ReserveControls {...props} />
      </div>
    </article>
  );
}

function SlotCalendar({
  slots,
  hubList,
  ...actions
}: Actions & { slots: BrowseItem[]; hubList: BrowseHub[] }) {
  const t = useTranslations("reservations");
  const format = useFormat();
  const locale = useLocale() as "ko" | "en";
  const hubs = useMemo(
    () =>
      // Org hubs first, then dealers' hubs, each by name.
      [...hubList].sort(
        (a, b) => (a.kind ?? "").localeCompare(b.kind ?? "") * -1 || a.name.localeCompare(b.name, locale),
      ),
    [hubList, locale],
  );
  const [hubId, setHubId] = useState(hubs[0]?.id ?? "");
  const [selected, setSelected] = useState<string | null>(null);
  const atHub = slots.filter((s) => s.locationId === hubId);
  const days = useMemo(() => {
    const m = new Map<string, BrowseItem[]>();
    for (const s of atHub) {
      const k = seoulDayKey(s.startsAt!);
      m.set(k, [...(m.get(k) ?? []), s]);
    }
    return [...m.entries()].slice(0, 7);
  }, [atHub]);
  const chosen = atHub.find((s) => s.id === selected) ?? null;

  return (
    <section aria-labelledby="appointments">
      <h2 id="appointments" className="text-xl font-bold text-ink">
        {t("appointments")}
      </h2>
      <p className="mb-4 mt-1 text-sm text-slate-600">{t("appointmentsHint")}</p>
      <div className="mb-4 flex flex-wrap gap-2" role="tablist" aria-label={t("hub")}>
        {hubs.map((h) => (
          <button
            key={h.id}
            role="tab"
            aria-selected={h.id === hubId}
            onClick={() => {
              setHubId(h.id);
              setSelected(null);
            }}
            className={`rounded-full px-3.5 py-1.5 text-sm font-medium ring-1 transition ${
              h.id === hubId
                ? "bg-ink text-white ring-ink"
                : "bg-white text-slate-700 ring-slate-300 hover:bg-slate-50"
            }`}
          >
            {h.name}
          </button>
        ))}
      </div>
      {days.length === 0 ? (
        <p className="text-slate-600">{t("noSlots")}</p>
      ) : (
        <div className="overflow-x-auto rounded-2xl border border-slate-200 bg-white">
          <div
            className="grid min-w-[720px]"
            style={{ gridTemplateColumns: `repeat(${days.length}, minmax(0, 1fr))` }}
          >
            {days.map(([day, list]) => (
              <div
                key={day}
                className="border-r border-slate-100 last:border-r-0"
                data-testid="slot-day"
                data-day={day}
              >
                <div className="border-b border-slate-100 bg-slate-50 px-2 py-2 text-center text-sm font-semibold text-ink">
                  {format.dateTime(list[0]!.startsAt!, "day")}
                </div>
                <div className="flex flex-col gap-1.5 p-2">
                  {list.map((s) => (
                    <button
                      key={s.id}
                      onClick={() => setSelected(s.id)}
                      data-testid="slot"
                      data-reservable-id={s.id}
                      aria-pressed={s.id === selected}
                      className={`rounded-lg px-2 py-1.5 text-left text-sm ring-1 transition ${
                        s.id === selected
                          ? "bg-brand-600 text-white ring-brand-600"
                          : s.available === 0
                            ? "bg-slate-50 text-slate-400 ring-slate-200"
                            : "bg-white text-ink ring-slate-200 hover:ring-brand-500"
                      }`}
                    >
                      <span className="block font-semibold">{format.dateTime(s.startsAt!, "time")}</span>
                      <span className="block text-xs opacity-80">
                        {t("slotLeft", { available: s.available })}
                      </span>
                    </button>
                  ))}
                </div>
              </div>
            ))}
          </div>
        </div>
      )}
      {chosen ? (
        <div
          className="mt-4 flex flex-wrap items-center justify-between gap-4 rounded-2xl border border-slate-200 bg-white p-5 shadow-sm"
          data-testid="slot-panel"
        >
          <div>
            <p className="font-semibold text-ink">
              {t("selectedSlot", {
                hub: hubs.find((h) => h.id === chosen.locationId)?.name ?? "",
                date: format.dateTime(chosen.startsAt!, "longDay"),
                time: `${format.dateTime(chosen.startsAt!, "time")}–${format.dateTime(chosen.endsAt!, "time")}`,
              })}
            </p>
            <p className="mt-1 text-sm text-slate-600">
              {chosen.productName} · {format.krw(chosen.price)} ·{" "}
              {t("slotLeft", { available: chosen.available })}
            </p>
            <p className="mt-0.5 text-xs text-slate-500">
              {t("cancelBy", { date: format.dateTime(chosen.cancelDeadline, "dateTime") })} ·{" "}
              {t("holdInfo", { minutes: chosen.holdMinutes })}
            </p>
          </div>
          <ReserveControls
            r={chosen}
            {...actions}
            label={t("reserveSlot", { time: format.dateTime(chosen.startsAt!, "time") })}
          />
        </div>
      ) : null}
    </section>
  );
}
