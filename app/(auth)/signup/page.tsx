import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { SignUpForm } from "@/components/identity/sign-up-form";
import { Card } from "@/components/ui/card";
import { signUpAction } from "./actions";
import { titleFrom } from "@/lib/http/page";

export const generateMetadata = titleFrom("auth", "signUp");

export default async function SignUpPage() {
  const t = await getTranslations("auth");
  return (
    <div className="mx-auto max-w-md">
      <Card>
        <h1 className="mb-1 text-xl font-bold">{t("signUpTitle")}</h1>
        <p className="mb-6 text-sm text-slate-600">{t("signUpSubtitle")}</p>
        <SignUpForm action={signUpAction} />
        <p className="mt-6 text-center text-sm text-slate-600">
          {t("haveAccount")}{" "}
          <Link href="/signin" className="font-semibold text-brand-600 hover:underline">
            {t("signIn")}
          </Link>
        </p>
      </Card>
    </div>
  );
}
