"use client";

import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { useFailureText } from "@/components/ui/failure-text";
import { useFormat } from "@/lib/format";
import { useState, useTransition } from "react";
import { cancelAction, payAction } from "@/app/(shop)/reservations/actions";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/http/action";
import type { ReservationView } from "@/lib/reservations/queries";
import { StatusBadge } from "./status-badge";
import { useNow } from "./use-live-reservations";

/** One reservation with its live status, and what the customer can do next (pay, cancel). */
export function ReservationCard({ r }: { r: ReservationView }) {
  const t = useTranslations("reservations");
  const failureText = useFailureText("reservations.errors");
  const format = useFormat();
  const locale = useLocale() as "ko" | "en";
  const now = useNow(10_000);
  const [mode, setMode] = useState<"idle" | "pay" | "cancel">("idle");
  const [card, setCard] = useState("4242 4242 4242 4242");
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, startTransition] = useTransition();
  const res = r.reservable;
  const deadlinePassed = new Date(res.cancelDeadline).getTime() < now;
  const cancellable =
    ["pending", "confirmed", "paid"].includes(r.status) && !deadlinePassed && res.status === "open";
  const holdLeft = r.holdExpiresAt
    ? Math.max(0, Math.floor((new Date(r.holdExpiresAt).getTime() - now) / 60_000))
    : null;

  const run = (fn: () => Promise<ActionResult<unknown>>) =>
    startTransition(async () => {
      setError(null);
      const out = await fn();
      if (out.ok) setMode("idle");
      else setError(failureText(out));
    });

  return (
    <article
      className="rounded-2xl border border-slate-200 bg-white p-5 shadow-sm"
      data-testid="reservation"
      data-reservation-id={r.id}
      data-status={r.status}
    >
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <h3 className="font-semibold text-ink">
            {res.productName[locale]}{" "}
            <span className="font-normal text-slate-500">{t("quantityN", { quantity: r.quantity })}</span>
          </h3>
          <p className="mt-0.5 text-sm text-slate-600">
            {res.location ? `${res.location.name[locale]} · ` : ""}
            {res.startsAt
              ? res.kind === "slot"
                ? format.dateTime(res.startsAt, "dateTime")
                : t("launch", { date: format.dateTime(res.startsAt, "date") })
              : null}
          </p>
          <p className="mt-0.5 text-xs text-slate-500">
            {t("requested", { date: format.dateTime(r.createdAt, "dateTime") })}
          </p>
        </div>
        <div className="flex flex-col items-end gap-1">
          <StatusBadge status={r.status} />
          <span className="text-sm font-semibold text-ink">{format.krw(r.amount)}</span>
        </div>
      </div>

      <div className="mt-3 space-y-1 text-sm" aria-live="polite">
        {r.status === "pending" && r.queuePosition ? (
          <p className="text-amber-800" data-testid="queue-position">
            {t("queuePosition", { position: r.queuePosition })}
          </p>
        ) : null}
        {r.status === "confirmed" && r.holdExpiresAt ? (
          <p className="text-brand-700">
            {t("holdUntil", {
              time: format.dateTime(r.holdExpiresAt, "time"),
              minutes: holdLeft ?? 0,
            })}
          </p>
        ) : null}
        {r.reason &&
        (r.status !== "cancelled" || r.reason === "waitlist_offer") &&
        t.has(`reason.${r.reason}`) ? (
          <p className="text-slate-700">{t(`reason.${r.reason}` as "reason.sold_out")}</p>
        ) : null}
        {r.status === "cancelled" && r.cancelReason ? (
          <p className="text-red-700" data-testid="cancel-reason">
            {t("cancelledBecause", {
              reason: t.has(`reason.${r.cancelReason}`)
                ? t(`reason.${r.cancelReason}` as "reason.sold_out")
                : r.cancelReason,
            })}
          </p>
        ) : null}
        {r.status === "cancelled" && r.paidAt ? <p className="text-slate-600">{t("refunded")}</p> : null}
        {r.orderId ? (
          <p className="text-emerald-800" data-testid="reservation-order">
            {t("becameOrder")}{" "}
            <Link href={`/orders/${r.orderId}`} className="font-semibold underline underline-offset-2">
              {t("viewOrder")}
            </Link>
          </p>
        ) : null}
        {r.attendance ? (
          <p className="text-slate-700" data-testid="reservation-attendance">
            {t(`attendance.${r.attendance}`)}
          </p>
        ) : null}
      </div>

      {mode === "pay" ? (
        <form
          className="mt-4 flex flex-wrap items-end gap-3 rounded-xl bg-slate-50 p-3"
          onSubmit={(e) => {
            e.preventDefault();
            run(() => payAction(r.id, { cardNumber: card }));
          }}
        >
          <label className="flex flex-col gap-1 text-sm font-medium text-slate-700">
            {t("cardNumber")}
            <input
              value={card}
              onChange={(e) => setCard(e.target.value)}
              inputMode="numeric"
              autoComplete="cc-number"
              className="w-56 rounded-lg border border-slate-300 bg-white px-3 py-2 font-mono text-sm"
            />
          </label>
          <Button type="submit" disabled={busy}>
            {busy ? t("paying") : t("pay", { amount: format.krw(r.amount) })}
          </Button>
          <Button type="button" variant="ghost" onClick={() => setMode("idle")}>
            {t("keep")}
          </Button>
          <p className="w-full text-xs text-slate-500">{t("cardHint")}</p>
        </form>
      ) : mode === "cancel" ? (
        <form
          className="mt-4 flex flex-wrap items-end gap-3 rounded-xl bg-red-50 p-3"
          onSubmit={(e) => {
            e.preventDefault();
            run(() => cancelAction(r.id, reason.trim() ? { reason: reason.trim() } : {}));
          }}
        >
          <label className="flex flex-1 flex-col gap-1 text-sm font-medium text-slate-700">
            {t("cancelReason")}
            <input
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              maxLength={500}
              className="rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm"
            />
          </label>
          <Button type="submit" variant="danger" disabled={busy}>
            {busy ? t("cancelling") : t("confirmCancel")}
          </Button>
          <Button type="button" variant="ghost" onClick={() => setMode("idle")}>
            {t("keep")}
          </Button>
        </form>
      ) : (
        <div className="mt-4 flex flex-wrap gap-2">
          {r.status === "confirmed" ? (
            <Button onClick={() => setMode("pay")}>{t("pay", { amount: format.krw(r.amount) })}</Button>
          ) : null}
          {cancellable ? (
            <Button variant="secondary" onClick={() => setMode("cancel")}>
              {t("cancel")}
            </Button>
          ) : null}
          {["confirmed", "paid"].includes(r.status) && deadlinePassed ? (
            <p className="text-xs text-slate-500">{t("deadlinePassed")}</p>
          ) : null}
        </div>
      )}
      {error ? (
        <p role="alert" className="mt-3 rounded-lg bg-red-50 px-3 py-2 text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </article>
  );
}
