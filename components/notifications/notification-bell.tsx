"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useRef, useState } from "react";

/** "Notificaciones: 3 sin leer" — the bell's accessible name carries the count. */
export function bellLabel(unread: number): string {
  return unread === 0 ? "Notificaciones: ninguna sin leer" : `Notificaciones: ${unread} sin leer`;
}

/**
 * The header's bell: the unread count, refreshed on every navigation and every `pollSeconds`
 * (while the tab is visible), without reloading the page. Not on the page's first load: the
 * server has just drawn the count, and a request then would compete with the page's own
 * scripts on a phone's network (issue 16).
 */
export function NotificationBell({ initialUnread, pollSeconds }: { initialUnread: number; pollSeconds: number }) {
  const [unread, setUnread] = useState(initialUnread);
  const pathname = usePathname();
  const drawnFor = useRef(pathname);

  useEffect(() => {
    let cancelled = false;
    const refresh = async () => {
      if (document.visibilityState === "hidden") return;
      try {
        const response = await fetch("/api/notificaciones/no-leidas", { cache: "no-store" });
        if (!response.ok) return;
        const body = (await response.json()) as { unread?: unknown };
        if (!cancelled && typeof body.unread === "number") setUnread(body.unread);
      } catch {
        // offline for a moment: the next round tries again
      }
    };
    if (drawnFor.current !== pathname) void refresh();
    drawnFor.current = "";
    const timer = setInterval(refresh, pollSeconds * 1000);
    document.addEventListener("visibilitychange", refresh);
    return () => {
      cancelled = true;
      clearInterval(timer);
      document.removeEventListener("visibilitychange", refresh);
    };
  }, [pathname, pollSeconds]);

  return (
    <Link
      href="/notificaciones"
      aria-label={bellLabel(unread)}
      title={bellLabel(unread)}
      className="relative inline-flex h-10 w-10 items-center justify-center rounded-full text-white hover:bg-white/10 focus-visible:outline focus-visible:outline-2 focus-visible:outline-white"
    >
      <svg aria-hidden="true" viewBox="0 0 24 24" className="h-6 w-6" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
        <path d="M18 8a6 6 0 0 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" />
        <path d="M13.73 21a2 2 0 0 1-3.46 0" />
      </svg>
      {unread > 0 ? (
        <span
          data-testid="bell-count"
          className="absolute -right-1 -top-1 min-w-5 rounded-full bg-amber-400 px-1.5 text-center text-xs font-bold leading-5 text-slate-900"
        >
          {unread > 99 ? "99+" : unread}
        </span>
      ) : null}
    </Link>
  );
}
