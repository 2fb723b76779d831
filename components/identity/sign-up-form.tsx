"use client";

import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { ActionResult } from "@/lib/http/action";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";

/** The fields, in order; each one's label is `auth.<name>` and its error `auth.errors.<name>`. */
const fields = [
  { name: "name", autoComplete: "name" },
  { name: "email", type: "email", autoComplete: "email" },
  { name: "password", type: "password", autoComplete: "new-password" },
] as const;

export function SignUpForm({
  action,
}: {
  action: (form: FormData) => Promise<ActionResult<{ email: string }>>;
}) {
  const t = useTranslations("auth");
  const router = useRouter();
  const [result, setResult] = useState<ActionResult<{ email: string }> | null>(null);
  const [pending, setPending] = useState(false);
  const errors = result && !result.ok ? (result.errors ?? {}) : {};

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setPending(true);
    const form = new FormData(e.currentTarget);
    const res = await action(form);
    setResult(res);
    if (res.ok) {
      await signIn("credentials", {
        email: res.data.email,
        password: String(form.get("password")),
        redirect: false,
      });
      router.push("/");
      router.refresh();
      return;
    }
    setPending(false);
  }

  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
      {fields.map((f) => (
        <Field
          key={f.name}
          {...f}
          label={t(f.name)}
          hint={f.name === "password" ? t("passwordHint") : undefined}
          error={errors[f.name] && t(`errors.${f.name}`)}
          required
        />
      ))}
      {result && !result.ok && !result.errors ? (
        <p role="alert" className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-700">
          {result.code === "signup.email_taken"
            ? t("errors.emailTaken")
            : result.code === "rate_limited"
              ? t("errors.rateLimited", { seconds: Number(result.meta?.retryAfterSeconds ?? 60) })
              : t("errors.generic")}
        </p>
      ) : null}
      <Button type="submit" disabled={pending}>
        {t("createAccount")}
      </Button>
    </form>
  );
}
