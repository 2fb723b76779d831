"use client";

import { getSession, signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { homePathFor, SIGN_IN_RATE_LIMITED } from "@/lib/auth/actor";
import { safeCallbackPath } from "@/lib/auth/safe-redirect";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";

export function SignInForm({ callbackUrl }: { callbackUrl?: string }) {
  const t = useTranslations("auth");
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setPending(true);
    setError(null);
    const form = new FormData(e.currentTarget);
    const res = await signIn("credentials", {
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
      redirect: false,
    });
    if (!res || res.error) {
      setPending(false);
      // authorize() refuses so after too many failures (lib/auth/options.ts).
      setError(res?.error === SIGN_IN_RATE_LIMITED ? t("tooManyAttempts") : t("invalidCredentials"));
      return;
    }
    const session = await getSession();
    // Only a path on this site (lib/auth/safe-redirect.ts); without one, the role's home.
    const home = session ? homePathFor(session.user.role) : "/";
    router.push(callbackUrl ? safeCallbackPath(callbackUrl) : home);
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
      <Field name="email" type="email" autoComplete="email" label={t("email")} required />
      <Field name="password" type="password" autoComplete="current-password" label={t("password")} required />
      {error ? (
        <p role="alert" className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-700">
          {error}
        </p>
      ) : null}
      <Button type="submit" disabled={pending}>
        {pending ? t("signingIn") : t("signIn")}
      </Button>
    </form>
  );
}
