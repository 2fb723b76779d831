"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { cancelOrderAction } from "@/app/(shop)/orders/actions";
import { Button } from "@/components/ui/button";

/** Cancel my order, after a confirmation with an optional reason. */
export function CancelOrderButton({ orderId }: { orderId: string }) {
  const t = useTranslations("orders");
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();

  function confirm() {
    setError(null);
    start(async () => {
      const res = await cancelOrderAction(orderId, reason);
      if (res.ok) {
        setOpen(false);
        router.refresh();
        return;
      }
      setError(res.code === "order.already_shipped" ? t("cannotCancel") : t("cancelError"));
      router.refresh();
    });
  }

  if (!open) {
    return (
      <Button variant="secondary" type="button" onClick={() => setOpen(true)}>
        {t("cancel")}
      </Button>
    );
  }
  return (
    <div
      role="dialog"
      aria-labelledby="cancel-title"
      className="w-full rounded-xl border border-red-200 bg-red-50/60 p-4"
    >
      <p id="cancel-title" className="font-semibold text-red-800">
        {t("cancelTitle")}
      </p>
      <p className="mt-1 text-sm text-red-700">{t("cancelText")}</p>
      <label className="mt-3 block text-sm font-medium text-slate-700" htmlFor="cancel-reason">
        {t("cancelReason")}
      </label>
      <input
        id="cancel-reason"
        value={reason}
        maxLength={500}
        onChange={(e) => setReason(e.target.value)}
        className="mt-1 w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm"
      />
      {error ? (
        <p role="alert" className="mt-2 text-sm text-red-700">
          {error}
        </p>
      ) : null}
      <div className="mt-3 flex gap-2">
        <Button variant="danger" type="button" onClick={confirm} disabled={pending}>
          {t("cancelConfirm")}
        </Button>
        <Button variant="ghost" type="button" onClick={() => setOpen(false)} disabled={pending}>
          {t("keep")}
        </Button>
      </div>
    </div>
  );
}
