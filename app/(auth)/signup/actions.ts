"use server";

import { inTransaction } from "@/lib/http/route";
import { limitAction, runAction } from "@/lib/http/action";
import { signUp } from "@/lib/identity/sign-up";

export async function signUpAction(form: FormData) {
  return runAction(async () => {
    await limitAction(null, "signup");
    return inTransaction((tx) =>
      signUp(tx, { email: field(form, "email"), password: field(form, "password"), name: field(form, "name") }),
    );
  });
}

/** A browser may call the action with anything, not only the form's FormData: then every field is missing (422). */
function field(form: unknown, name: string): unknown {
  return form instanceof FormData ? form.get(name) : undefined;
}
