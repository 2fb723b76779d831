import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { SignInForm } from "@/components/identity/sign-in-form";
import { Card } from "@/components/ui/card";
import { titleFrom } from "@/lib/http/page";

export const generateMetadata = titleFrom("auth", "signIn");

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string }>;
}) {
  const [t, { callbackUrl }] = await Promise.all([getTranslations("auth"), searchParams]);
  return (
    <div className="mx-auto max-w-md">
      <Card>
        <h1 className="mb-1 text-xl font-bold">{t("signInTitle")}</h1>
        <p className="mb-6 text-sm text-slate-600">{t("signInSubtitle")}</p>
        <SignInForm callbackUrl={callbackUrl} />
        <p className="mt-6 text-center text-sm text-slate-600">
          {t("noAccount")}{" "}
          <Link href="/signup" className="font-semibold text-brand-600 hover:underline">
            {t("signUp")}
          </Link>
        </p>
      </Card>
      <div className="mt-6 rounded-xl border border-dashed border-slate-300 bg-white p-4 text-xs text-slate-600">
        <p className="mb-1 font-semibold text-slate-700">{t("demoTitle")}</p>
        <p>{t("demoText")}</p>
        <p className="mt-1 font-mono">
          customer@demo.test · dealer@demo.test · marketing@demo.test · seller@demo.test
        </p>
      </div>
    </div>
  );
}
