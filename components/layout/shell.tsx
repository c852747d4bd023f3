import Link from "next/link";
import { ROLE_LABELS } from "@/lib/accounts/roles";
import type { SignedInUser } from "@/lib/auth/signed-in-user";
import { MENU } from "@/lib/navigation";
import { Bell } from "@/components/notifications/bell";
import { SignOutButton } from "./sign-out-button";
import { MenuLinks } from "./menu-links";

/** The portal's frame: header with the agent and user, the role's menu, and the page. */
export function Shell({ user, children }: { user: SignedInUser | null; children: React.ReactNode }) {
  return (
    <div className="flex min-h-screen flex-col">
      <a href="#contenido" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-10 focus:rounded focus:bg-white focus:p-2">
        Saltar al contenido
      </a>
      <header className="bg-scop-800 text-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-3 px-4 py-3">
          <Link href="/" className="leading-tight">
            <span className="block text-lg font-bold">SCOP GLP</span>
            <span className="block text-xs text-scop-100">Sistema de Control de Órdenes de Pedido de GLP a granel</span>
          </Link>
          {user ? (
            <div className="flex flex-wrap items-center gap-3 text-sm">
              <span className="text-right leading-tight">
                <span className="block font-semibold">{user.agentName}</span>
                <span className="block text-scop-100">
                  {user.fullName} · {ROLE_LABELS[user.role]}
                </span>
              </span>
              <Bell userId={user.userId} />
              <SignOutButton />
            </div>
          ) : (
            <Link href="/ingresar" className="text-sm font-semibold underline">
              Ingresar
            </Link>
          )}
        </div>
        {user ? (
          <nav aria-label="Menú principal" className="border-t border-white/15 bg-scop-700">
            <MenuLinks items={MENU[user.role]} />
          </nav>
        ) : null}
      </header>
      <main id="contenido" className="mx-auto w-full max-w-6xl flex-1 px-4 py-6">
        {children}
      </main>
      <footer className="border-t border-slate-200 bg-white py-4 text-center text-xs text-slate-600">
        Centro de Control SCOP · <Link href="/contacto" className="underline">Contacto</Link>
      </footer>
    </div>
  );
}
