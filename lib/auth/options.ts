import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getDb } from "@/db/client";
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
      async authorize(credentials) {
        const user = await authenticate(getDb(), credentials ?? {});
        return user ? { id: user.id, email: user.email, name: user.name, role: user.role, organisationId: user.organisationId } : null;
      },
    }),
  ],
  callbacks: {
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
