import type { Role } from "@/lib/auth/actor";

declare module "next-auth" {
  interface User {
    id: string;
    role: Role;
    organisationId: string | null;
  }
  interface Session {
    user: { id: string; email: string; name: string; role: Role; organisationId: string | null };
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    uid: string;
    role: Role;
    organisationId: string | null;
  }
}
