"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { cancelSellerOrderAction, fulfilmentStepAction } from "@/app/(staff)/_fulfilment/actions";
import { Button } from "@/components/ui/button";
import { useFailureText } from "@/components/ui/failure-text";
import type { SellerOrderRow } from "@/lib/orders/fulfilment-queries";

/** The next steps of one seller order (from the state machine), and cancelling it with a reason. */
export function FulfilmentRowActions({ row }: { row: SellerOrderRow }) {
  const t = useTranslations("fulfilment");
  const failureText = useFailureText("fulfilment.errors");
  const router = useRouter();
  const [pending, start] = useTransition();
  const [cancelling, setCancelling] = useState(false);
  const [reason, setReason] = useState("");
  const [message, setMessage] = useState<string | null>(null);
  const steps = row.next.filter((s) => s !== "cancel");

  function run(fn: () => Promise<{ ok: boolean; code?: string; errors?: Record<string, string> }>) {
    setMessage(null);
    start(async () => {
      const res = await fn();
      if (!res.ok)
        setMessage(res.errors?.reason ? t("errors.reason") : failureText({ code: res.code ?? "internal" }));
      else setCancelling(false);
      router.refresh();
    });
  }

  if (cancelling) {
    return (
      <div className="flex w-56 flex-col gap-2">
        <label className="text-xs font-medium text-slate-700" htmlFor={`reason-${row.id}`}>
          {t("cancelReason")}
        </label>
        <input
          id={`reason-${row.id}`}
          value={reason}
          maxLength={500}
          placeholder={t("cancelReasonPlaceholder")}
          onChange={(e) => setReason(e.target.value)}
          className="rounded-lg border border-slate-300 px-2 py-1.5 text-sm"
        />
        <div className="flex gap-2">
          <Button
            variant="danger"
            type="button"
            className="px-3 py-1.5 text-xs"
            disabled={pending}
            onClick={() => run(() => cancelSellerOrderAction(row.id, reason))}
          >
            {t("cancelConfirm")}
          </Button>
          <Button
            variant="ghost"
            type="button"
            className="px-3 py-1.5 text-xs"
            onClick={() => setCancelling(false)}
          >
            {t("back")}
          </Button>
        </div>
        {message ? <p className="text-xs text-red-600">{message}</p> : null}
      </div>
    );
  }
  return (
    <div className="flex flex-col items-start gap-1.5">
      <div className="flex flex-wrap gap-1.5">
        {steps.map((s) => (
          <Button
            key={s}
            type="button"
            className="px-3 py-1.5 text-xs"
            disabled={pending}
            onClick={() => run(() => fulfilmentStepAction(row.id, s))}
          >
            {t(`step.${s}`)}
          </Button>
        ))}
        {row.next.includes("cancel") ? (
          <Button
            variant="secondary"
            type="button"
            className="px-3 py-1.5 text-xs"
            disabled={pending}
            onClick={() => setCancelling(true)}
          >
            {t("step.cancel")}
          </Button>
        ) : null}
      </div>
      {message ? <p className="text-xs text-red-600">{message}</p> : null}
    </div>
  );
}
