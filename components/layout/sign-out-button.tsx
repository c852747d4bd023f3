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
        void signOut({ callbackUrl: "/ingresar" });
      }}
      className="rounded-md border border-white/40 px-3 py-1 text-sm font-semibold text-white hover:bg-white/10 disabled:opacity-60"
    >
      {pending ? "Saliendo…" : "Cerrar Sesión"}
    </button>
  );
}
