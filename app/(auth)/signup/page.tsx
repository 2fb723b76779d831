import { getTranslations } from "next-intl/server";
import { SignUpForm } from "@/components/identity/sign-up-form";
import { AuthCard } from "@/components/identity/auth-card";
import { signUpAction } from "./actions";
import { titleFrom } from "@/lib/http/page";

export const generateMetadata = titleFrom("auth", "signUp");

export default async function SignUpPage() {
  const t = await getTranslations("auth");
  return (
    <div className="mx-auto max-w-md">
      <AuthCard
        title={t("signUpTitle")}
        subtitle={t("signUpSubtitle")}
        other={{ question: t("haveAccount"), href: "/signin", label: t("signIn") }}
      >
        <SignUpForm action={signUpAction} />
      </AuthCard>
    </div>
  );
}
