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
import { Field, SelectField } from "@/components/ui/field";
import { seoulDayKey } from "@/lib/format";
import type { ActionResult } from "@/lib/http/action";
import type { InputHTMLAttributes, ReactNode } from "react";

type Choice = { id: string; nameKo: string; nameEn: string; sku?: string };
/** A `datetime-local` value (Seoul wall time) as ISO-8601 with the +09:00 offset. */
const seoulInstant = (local: string) => (local ? `${local}:00+09:00` : "");

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

type FieldSpec = InputHTMLAttributes<HTMLInputElement> & { name: string };

/**
 * A form's fields from their specs, each labelled `reservables.<name>` and with its error. `form`
 * prefixes the ids, so that two forms on one page (both with a hub or a capacity) never share one and
 * each label names its own control.
 */
function Fields({
  form,
  specs,
  errors,
}: {
  form: string;
  specs: FieldSpec[];
  errors: Record<string, string>;
}) {
  const t = useTranslations("reservables");
  return specs.map((f) => (
    <Field key={f.name} id={`${form}-${f.name}`} label={t(f.name)} error={errors[f.name]} {...f} />
  ));
}

/**
 * A choice of hubs, variants or sources by their name in the UI's language (`withSku` adds the SKU;
 * `none` is a last, empty choice). `form` prefixes the id, as in Fields.
 */
function ChoiceSelect({
  form,
  name,
  label,
  value,
  onChange,
  choices,
  withSku = false,
  none,
  error,
}: {
  form: string;
  name: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  choices: Choice[];
  withSku?: boolean;
  none?: string;
  error?: string;
}) {
  const locale = useLocale();
  const options = choices.map((c) => {
    const text = locale === "ko" ? c.nameKo : c.nameEn;
    return { value: c.id, label: withSku ? `${text} (${c.sku})` : text };
  });
  return (
    <SelectField
      id={`${form}-${name}`}
      label={label}
      name={name}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      error={error}
      options={none === undefined ? options : [...options, { value: "", label: none }]}
    />
  );
}

/** The actor's hub a form acts at (`locationId`). */
function HubSelect({
  form,
  hubs,
  value,
  onChange,
}: {
  form: string;
  hubs: Choice[];
  value: string;
  onChange: (value: string) => void;
}) {
  const t = useTranslations("reservables");
  return (
    <ChoiceSelect
      form={form}
      name="locationId"
      label={t("hub")}
      value={value}
      onChange={onChange}
      choices={hubs}
    />
  );
}

/** What the form says after a try: the success line, or the failure mapped to words. */
function Outcome({ ok, failure }: { ok: ReactNode; failure: string | null }) {
  return (
    <>
      {ok ? (
        <FormMessage tone="ok" className="sm:col-span-2 lg:col-span-4">
          {ok}
        </FormMessage>
      ) : null}
      <FormMessage tone="error" className="sm:col-span-2 lg:col-span-4">
        {failure}
      </FormMessage>
    </>
  );
}

export function GenerateSlotsForm({ hubs, variants }: { hubs: Choice[]; variants: Choice[] }) {
  const t = useTranslations("reservables");
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
      <HubSelect form="slots" hubs={hubs} value={hub} onChange={setHub} />
      <ChoiceSelect
        form="slots"
        name="variantId"
        label={t("service")}
        value={variant}
        onChange={setVariant}
        choices={variants}
      />
      <Fields
        form="slots"
        errors={errors}
        specs={[
          { name: "fromDate", type: "date", defaultValue: defaultFrom, required: true },
          { name: "days", type: "number", min: 1, max: 31, defaultValue: 7, required: true },
          { name: "dayStart", type: "time", defaultValue: "10:00", required: true },
          { name: "dayEnd", type: "time", defaultValue: "18:00", required: true },
          {
            name: "slotMinutes",
            type: "number",
            min: 10,
            max: 480,
            step: 5,
            defaultValue: 30,
            required: true,
          },
          { name: "capacity", type: "number", min: 1, defaultValue: 4, required: true },
        ]}
      />
      <div className="flex items-center gap-3 sm:col-span-2 lg:col-span-4">
        <Button type="submit" disabled={busy || !hub}>
          {t("generate")}
        </Button>
        <p className="text-xs text-slate-500">{t("generateHint")}</p>
      </div>
      <Outcome ok={result?.ok ? t("generated", result.data) : null} failure={failure} />
    </form>
  );
}

export function CreatePreorderForm({
  variants,
  sources,
}: {
  variants: Choice[];
  sources: { id: string; nameKo: string; nameEn: string }[];
}) {
  const t = useTranslations("reservables");
  const [variant, setVariant] = useState(variants[0]?.id ?? "");
  const [source, setSource] = useState(sources[0]?.id ?? "");
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
            ...(source ? { locationId: source } : {}),
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
        <ChoiceSelect
          form="preorder"
          name="variantId"
          label={t("variant")}
          value={variant}
          onChange={setVariant}
          choices={variants}
          withSku
        />
      </div>
      <div className="sm:col-span-2">
        <ChoiceSelect
          form="preorder"
          name="locationId"
          label={t("shipsFrom")}
          value={source}
          onChange={setSource}
          choices={sources}
          none={t("shipsFromNone")}
          error={errors.locationId}
        />
      </div>
      <Fields
        form="preorder"
        errors={errors}
        specs={[
          { name: "capacity", type: "number", min: 1, defaultValue: 100, required: true },
          { name: "perCustomerLimit", type: "number", min: 1, defaultValue: 1 },
          { name: "opensAt", type: "datetime-local", required: true },
          { name: "launchAt", type: "datetime-local", required: true },
          { name: "cancelDeadline", type: "datetime-local", required: true },
          { name: "holdMinutes", type: "number", min: 1, defaultValue: 15, required: true },
        ]}
      />
      <div className="sm:col-span-2 lg:col-span-4">
        <Button type="submit" disabled={busy || !variant}>
          {t("create")}
        </Button>
      </div>
      <Outcome ok={result?.ok ? t("createdPreorder") : null} failure={failure} />
    </form>
  );
}

/** Calls off every open slot at one of the actor's hubs on one day (the shop is closed). */
export function CancelDayForm({ hubs }: { hubs: Choice[] }) {
  const t = useTranslations("reservables");
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
      <HubSelect form="cancel-day" hubs={hubs} value={hub} onChange={setHub} />
      <Field id="cancel-day-date" label={t("day")} name="date" type="date" error={errors.date} required />
      <div className="sm:col-span-2">
        <Field
          id="cancel-day-reason"
          label={t("reason")}
          name="reason"
          maxLength={500}
          error={errors.reason}
          required
        />
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
      <Outcome
        ok={
          result?.ok
            ? t("cancelledDay", {
                slots: result.data.cancelledSlots,
                count: result.data.cancelledReservations,
                refunds: result.data.refunds,
              })
            : null
        }
        failure={failure}
      />
    </form>
  );
}
