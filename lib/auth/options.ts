import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getDb } from "@/db/client";
import { clientAddress, recordSignIn } from "@/lib/http/rate-limit";
import { authRedirect } from "@/lib/auth/safe-redirect";
import { authenticate } from "@/lib/identity/authenticate";

/**
 * Auth.js (next-auth 4) with the credentials provider and JWT sessions: the session lives in a signed,
 * encrypted cookie, so any app instance can serve any request (no sticky sessions, no session table).
 */
export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: 60 * 60 * 24 * 7 },
  pages: { signIn: "/signin" },
  providers: [
    CredentialsProvider({
      name: "Email",
      credentials: { email: { type: "email" }, password: { type: "password" } },
      async authorize(credentials, req) {
        const db = getDb();
        const email = typeof credentials?.email === "string" ? credentials.email : "";
        const address = clientAddress(new Headers(headerPairs(req?.headers)));
        // The attempt was counted (atomically) before this, by the route: lib/auth/sign-in-gate.ts.
        const user = await authenticate(db, credentials ?? {});
        await recordSignIn(db, email, address, user !== null);
        return user
          ? {
              id: user.id,
              email: user.email,
              name: user.name,
              role: user.role,
              organisationId: user.organisationId,
            }
          : null;
      },
    }),
  ],
  callbacks: {
    redirect: authRedirect,
    jwt({ token, user }) {
      if (user) {
        token.uid = user.id;
        token.role = user.role;
        token.organisationId = user.organisationId;
      }
      return token;
    },
    session({ session, token }) {
      session.user = {
        id: token.uid,
        email: token.email ?? "",
        name: token.name ?? "",
        role: token.role,
        organisationId: token.organisationId,
      };
      return session;
    },
  },
};

/** next-auth hands authorize() the request's headers as a plain object. */
function headerPairs(h: Record<string, unknown> | undefined): [string, string][] {
  return Object.entries(h ?? {}).flatMap(([k, v]) =>
    typeof v === "string"
      ? [[k, v] as [string, string]]
      : Array.isArray(v)
        ? [[k, v.join(", ")] as [string, string]]
        : [],
  );
}
