import { cookies } from "next/headers";

/** The floor of a dynamic page: rendered per request, reading one cookie. */
export default async function Page() {
  const jar = await cookies();
  const who = jar.get("next-auth.session-token") ? "signed in" : "a visitor";
  return (
    <main>
      <h1>Bare Next</h1>
      <p>Hello, {who}.</p>
    </main>
  );
}
