"use client";

import { useState } from "react";
import { signOut } from "@/components/auth/session-client";

export function SignOutButton() {
  const [pending, setPending] = useState(false);
  return (
    <button
      type="button"
      disabled={pending}
      onClick={() => {
        setPending(true);
        // A full navigation afterwards, so no page rendered with the old session is kept. If the
        // server could not be reached the session is still open: the button comes back.
        void signOut().then(
          // eslint-disable-next-line @next/next/no-location-assign-relative-destination -- deliberate full navigation
          () => window.location.assign("/ingresar"),
          () => setPending(false),
        );
      }}
      className="rounded-md border border-white/40 px-3 py-1 text-sm font-semibold text-white hover:bg-white/10 disabled:opacity-60"
    >
      {pending ? "Saliendo…" : "Cerrar Sesión"}
    </button>
  );
}
