"use client";

import { useLocale, useNow, useTranslations } from "next-intl";
import { useFailureText } from "@/components/ui/failure-text";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import {
  cancelSlotDayAction,
  createPreorderAction,
  generateSlotsAction,
} from "@/app/(staff)/_reservables/actions";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { Field } from "@/components/ui/field";
import { seoulDayKey } from "@/lib/format";
import type { ActionResult } from "@/lib/http/action";

type Choice = { id: string; nameKo: string; nameEn: string; sku?: string };
/** A `datetime-local` value (Seoul wall time) as ISO-8601 with the +09:00 offset. */
const seoulInstant = (local: string) => (local ? `${local}:00+09:00` : "");

function Select({
  label,
  name,
  options,
  value,
  onChange,
}: {
  label: string;
  name: string;
  options: { value: string; label: string }[];
  value: string;
  onChange: (v: string) => void;
}) {
  return (
    <label className="flex flex-col gap-1.5 text-sm font-medium text-slate-700">
      {label}
      <select
        name={name}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        className="rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm"
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}

function useSubmit<T>() {
  const failureText = useFailureText("reservations.errors");
  const router = useRouter();
  const [result, setResult] = useState<ActionResult<T> | null>(null);
  const [busy, start] = useTransition();
  const submit = (fn: () => Promise<ActionResult<T>>) =>
    start(async () => {
      const out = await fn();
      setResult(out);
      if (out.ok) router.refresh();
    });
  const errors = result && !result.ok ? (result.errors ?? {}) : {};
  const failure = result && !result.ok && !result.errors ? failureText(result) : null;
  return { result, busy, submit, errors, failure };
}

export function GenerateSlotsForm({ hubs, variants }: { hubs: Choice[]; variants: Choice[] }) {
  const t = useTranslations("reservables");
  const locale = useLocale();
  const name = (c: Choice) => (locale === "ko" ? c.nameKo : c.nameEn);
  const [hub, setHub] = useState(hubs[0]?.id ?? "");
  const [variant, setVariant] = useState(
    variants.find((v) => v.nameEn.includes("appointment"))?.id ?? variants[0]?.id ?? "",
  );
  const { result, busy, submit, errors, failure } = useSubmit<{ created: number; skipped: number }>();
  // The request's moment (the same in the server render and the browser's), not the clock's.
  const now = useNow();
  const [defaultFrom] = useState(() => seoulDayKey(now.getTime() + 8 * 86_400_000));
  return (
    <form
      className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4"
      onSubmit={(e) => {
        e.preventDefault();
        const f = new FormData(e.currentTarget);
        submit(() =>
          generateSlotsAction({
            locationId: hub,
            variantId: variant,
            fromDate: String(f.get("fromDate")),
            days: Number(f.get("days")),
            dayStart: String(f.get("dayStart")),
            dayEnd: String(f.get("dayEnd")),
            slotMinutes: Number(f.get("slotMinutes")),
            capacity: Number(f.get("capacity")),
          }),
        );
      }}
    >
      <Select
        label={t("hub")}
        name="locationId"
        value={hub}
        onChange={setHub}
        options={hubs.map((h) => ({ value: h.id, label: name(h) }))}
      />
      <Select
        label={t("service")}
        name="variantId"
        value={variant}
        onChange={setVariant}
        options={variants.map((v) => ({ value: v.id, label: name(v) }))}
      />
      <Field
        label={t("fromDate")}
        name="fromDate"
        type="date"
        defaultValue={defaultFrom}
        error={errors.fromDate}
        required
      />
      <Field
        label={t("days")}
        name="days"
        type="number"
        min={1}
        max={31}
        defaultValue={7}
        error={errors.days}
        required
      />
      <Field
        label={t("dayStart")}
        name="dayStart"
        type="time"
        defaultValue="10:00"
        error={errors.dayStart}
        required
      />
      <Field
        label={t("dayEnd")}
        name="dayEnd"
        type="time"
        defaultValue="18:00"
        error={errors.dayEnd}
        required
      />
      <Field
        label={t("slotMinutes")}
        name="slotMinutes"
        type="number"
        min={10}
        max={480}
        step={5}
        defaultValue={30}
        error={errors.slotMinutes}
        required
      />
      <Field
        label={t("capacity")}
        name="capacity"
        type="number"
        min={1}
        defaultValue={4}
        error={errors.capacity}
        required
      />
      <div className="flex items-center gap-3 sm:col-span-2 lg:col-span-4">
        <Button type="submit" disabled={busy || !hub}>
          {t("generate")}
        </Button>
        <p className="text-xs text-slate-500">{t("generateHint")}</p>
      </div>
      {result?.ok ? (
        <FormMessage tone="ok" className="sm:col-span-2 lg:col-span-4">
          {t("generated", result.data)}
        </FormMessage>
      ) : null}
      <FormMessage tone="error" className="sm:col-span-2 lg:col-span-4">
        {failure}
      </FormMessage>
    </form>
  );
}

export function CreatePreorderForm({ variants }: { variants: Choice[] }) {
  const t = useTranslations("reservables");
  const locale = useLocale();
  const [variant, setVariant] = useState(variants[0]?.id ?? "");
  const { result, busy, submit, errors, failure } = useSubmit<{ id: string }>();
  return (
    <form
      className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4"
      onSubmit={(e) => {
        e.preventDefault();
        const f = new FormData(e.currentTarget);
        const limit = String(f.get("perCustomerLimit") ?? "").trim();
        submit(() =>
          createPreorderAction({
            variantId: variant,
            capacity: Number(f.get("capacity")),
            perCustomerLimit: limit === "" ? null : Number(limit),
            opensAt: seoulInstant(String(f.get("opensAt"))),
            launchAt: seoulInstant(String(f.get("launchAt"))),
            cancelDeadline: seoulInstant(String(f.get("cancelDeadline"))),
            holdMinutes: Number(f.get("holdMinutes")),
          }),
        );
      }}
    >
      <div className="sm:col-span-2">
        <Select
          label={t("variant")}
          name="variantId"
          value={variant}
          onChange={setVariant}
          options={variants.map((v) => ({
            value: v.id,
            label: `${locale === "ko" ? v.nameKo : v.nameEn} (${v.sku})`,
          }))}
        />
      </div>
      <Field
        label={t("capacity")}
        name="capacity"
        type="number"
        min={1}
        defaultValue={100}
        error={errors.capacity}
        required
      />
      <Field
        label={t("perCustomerLimit")}
        name="perCustomerLimit"
        type="number"
        min={1}
        defaultValue={1}
        error={errors.perCustomerLimit}
      />
      <Field label={t("opensAt")} name="opensAt" type="datetime-local" error={errors.opensAt} required />
      <Field label={t("launchAt")} name="launchAt" type="datetime-local" error={errors.launchAt} required />
      <Field
        label={t("cancelDeadline")}
        name="cancelDeadline"
        type="datetime-local"
        error={errors.cancelDeadline}
        required
      />
      <Field
        label={t("holdMinutes")}
        name="holdMinutes"
        type="number"
        min={1}
        defaultValue={15}
        error={errors.holdMinutes}
        required
      />
      <div className="sm:col-span-2 lg:col-span-4">
        <Button type="submit" disabled={busy || !variant}>
          {t("create")}
        </Button>
      </div>
      {result?.ok ? (
        <FormMessage tone="ok" className="sm:col-span-2 lg:col-span-4">
          {t("createdPreorder")}
        </FormMessage>
      ) : null}
      <FormMessage tone="error" className="sm:col-span-2 lg:col-span-4">
        {failure}
      </FormMessage>
    </form>
  );
}

/** Calls off every open slot at one of the actor's hubs on one day (the shop is closed). */
export function CancelDayForm({ hubs }: { hubs: Choice[] }) {
  const t = useTranslations("reservables");
  const locale = useLocale();
  const [hub, setHub] = useState(hubs[0]?.id ?? "");
  const [confirming, setConfirming] = useState(false);
  const { result, busy, submit, errors, failure } = useSubmit<{
    cancelledSlots: number;
    cancelledReservations: number;
    refunds: number;
  }>();
  return (
    <form
      data-testid="cancel-day-form"
      className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4"
      onSubmit={(e) => {
        e.preventDefault();
        if (!confirming) return setConfirming(true);
        const f = new FormData(e.currentTarget);
        setConfirming(false);
        submit(() =>
          cancelSlotDayAction({
            locationId: hub,
            date: String(f.get("date")),
            reason: String(f.get("reason") ?? ""),
          }),
        );
      }}
    >
      <Select
        label={t("hub")}
        name="locationId"
        value={hub}
        onChange={setHub}
        options={hubs.map((h) => ({ value: h.id, label: locale === "ko" ? h.nameKo : h.nameEn }))}
      />
      <Field label={t("day")} name="date" type="date" error={errors.date} required />
      <div className="sm:col-span-2">
        <Field label={t("reason")} name="reason" maxLength={500} error={errors.reason} required />
      </div>
      <div className="flex flex-wrap items-center gap-3 sm:col-span-2 lg:col-span-4">
        <Button type="submit" variant="danger" disabled={busy || !hub}>
          {confirming ? t("confirmCancelDay") : t("cancelDay")}
        </Button>
        {confirming ? (
          <>
            <p className="text-sm text-red-700">{t("cancelDayText")}</p>
            <Button type="button" variant="ghost" onClick={() => setConfirming(false)}>
              {t("keepDay")}
            </Button>
          </>
        ) : null}
      </div>
      {result?.ok ? (
        <FormMessage tone="ok" className="sm:col-span-2 lg:col-span-4">
          {t("cancelledDay", {
            slots: result.data.cancelledSlots,
            count: result.data.cancelledReservations,
            refunds: result.data.refunds,
          })}
        </FormMessage>
      ) : null}
      <FormMessage tone="error" className="sm:col-span-2 lg:col-span-4">
        {failure}
      </FormMessage>
    </form>
  );
}
