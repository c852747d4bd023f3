"use client";

import { signOut } from "next-auth/react";
import { useState } from "react";

export function SignOutButton() {
  const [pending, setPending] = useState(false);
  return (
    <button
      type="button"
      disabled={pending}
      onClick={() => {
        setPending(true);
        // No redirect from next-auth: without NEXTAUTH_URL it would send the browser to localhost:3000.
        // A full navigation, so no page rendered with the old session is kept.
        // eslint-disable-next-line @next/next/no-location-assign-relative-destination -- deliberate full navigation
        void signOut({ redirect: false }).then(() => window.location.assign("/ingresar"));
      }}
      className="rounded-md border border-white/40 px-3 py-1 text-sm font-semibold text-white hover:bg-white/10 disabled:opacity-60"
    >
      {pending ? "Saliendo…" : "Cerrar Sesión"}
    </button>
  );
}
