"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useId, useRef, useState } from "react";
import { groupMenu } from "@/lib/menu-groups";
import type { MenuItem } from "@/lib/navigation";
import { resetPage } from "./page-reset";

const isCurrent = (href: string, pathname: string) => (href === "/" ? pathname === "/" : pathname === href || pathname.startsWith(`${href}/`));

/**
 * The role's menu. From 768 px: one row of links, as before. On a phone: a "Menú" button that
 * opens the links grouped as the manual groups them (Compras, Consulta, Anular, Cerrar…), so the
 * page starts right under the header instead of below ~470 px of links. Escape closes it and
 * returns the focus to the button; choosing a link closes it.
 *
 * Choosing the screen one is already on starts it afresh (a new empty form after "Orden de pedido
 * registrada."), as a fresh visit would: see ./page-reset.tsx.
 */
export function MenuLinks({ items }: { items: MenuItem[] }) {
  const pathname = usePathname();
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const id = useId();
  const current = items.find((item) => isCurrent(item.href, pathname));

  // A navigation (also back and forward) closes the phone menu.
  const [shownFor, setShownFor] = useState(pathname);
  if (shownFor !== pathname) {
    setShownFor(pathname);
    setOpen(false);
  }

  return (
    <div
      className="mx-auto max-w-6xl px-2 py-1 text-sm"
      onKeyDown={(event) => {
        if (event.key === "Escape" && open) {
          setOpen(false);
          button.current?.focus();
        }
      }}
    >
      <button
        ref={button}
        type="button"
        aria-expanded={open}
        aria-controls={`${id}-panel`}
        onClick={() => setOpen((value) => !value)}
        className="flex min-h-11 w-full items-center justify-between gap-2 rounded px-3 py-2 text-left font-semibold text-white hover:bg-white/10 md:hidden"
      >
        <span>
          Menú
          {current && current.href !== "/" ? <span className="font-normal text-scop-100"> · {current.label}</span> : null}
        </span>
        <span aria-hidden="true" className="text-lg leading-none">
          {open ? "✕" : "☰"}
        </span>
      </button>
      <div id={`${id}-panel`} className={`${open ? "block" : "hidden"} pb-2 md:flex md:flex-wrap md:gap-x-1 md:pb-0`}>
        {groupMenu(items).map((group, index) => {
          const labelId = `${id}-group-${index}`;
          return (
            <div key={group.group ?? `sin-grupo-${index}`} className="mt-2 md:mt-0">
              {group.label ? (
                <p id={labelId} className="px-3 pt-1 text-xs font-semibold tracking-wide text-scop-100 uppercase md:sr-only">
                  {group.label}
                </p>
              ) : null}
              <ul aria-labelledby={group.label ? labelId : undefined} className="md:flex md:flex-wrap md:gap-x-1">
                {group.items.map((item) => (
                  <li key={item.href}>
                    <Link
                      href={item.href}
                      aria-current={isCurrent(item.href, pathname) ? "page" : undefined}
                      onClick={() => {
                        setOpen(false);
                        if (item.href === pathname) resetPage();
                      }}
                      className="block rounded px-3 py-2 font-semibold text-white hover:bg-white/10 aria-[current=page]:bg-white aria-[current=page]:text-scop-800"
                    >
                      {item.label}
                    </Link>
                  </li>
                ))}
              </ul>
            </div>
          );
        })}
      </div>
    </div>
  );
}
