import { getTranslations } from "next-intl/server";
import { SignInForm } from "@/components/identity/sign-in-form";
import { AuthCard } from "@/components/identity/auth-card";
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
      <AuthCard
        title={t("signInTitle")}
        subtitle={t("signInSubtitle")}
        other={{ question: t("noAccount"), href: "/signup", label: t("signUp") }}
      >
        <SignInForm callbackUrl={callbackUrl} />
      </AuthCard>
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
