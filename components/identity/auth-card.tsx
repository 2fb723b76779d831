import Link from "next/link";
import { Card } from "@/components/ui/card";

/** The card of the sign-in and sign-up pages: a title and a line, the form, then the way to the other page. */
export function AuthCard({
  title,
  subtitle,
  other,
  children,
}: {
  title: string;
  subtitle: string;
  other: { question: string; href: string; label: string };
  children: React.ReactNode;
}) {
  return (
    <Card>
      <h1 className="mb-1 text-xl font-bold">{title}</h1>
      <p className="mb-6 text-sm text-slate-600">{subtitle}</p>
      {children}
      <p className="mt-6 text-center text-sm text-slate-600">
        {other.question}{" "}
        <Link href={other.href} className="font-semibold text-brand-600 hover:underline">
          {other.label}
        </Link>
      </p>
    </Card>
  );
}
