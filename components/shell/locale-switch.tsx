"use client";

import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { setLocale } from "./actions";

export function LocaleSwitch({ locale }: { locale: string }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  return (
    <div
      className="flex rounded-md border border-slate-200 p-0.5 text-xs font-semibold"
      role="group"
      aria-label="Language"
    >
      {(["ko", "en"] as const).map((l) => (
        <button
          key={l}
          type="button"
          disabled={pending}
          aria-pressed={locale === l}
          onClick={() =>
            start(async () => {
              await setLocale(l);
              router.refresh();
            })
          }
          className={`rounded px-2 py-1 ${locale === l ? "bg-ink text-white" : "text-slate-600 hover:bg-slate-100"}`}
        >
          {l === "ko" ? "한국어" : "EN"}
        </button>
      ))}
    </div>
  );
}
