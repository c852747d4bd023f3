"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import type { MenuItem } from "@/lib/navigation";

export function MenuLinks({ items }: { items: MenuItem[] }) {
  const pathname = usePathname();
  return (
    <ul className="mx-auto flex max-w-6xl flex-wrap gap-x-1 px-2 py-1 text-sm">
      {items.map((item) => {
        const current = item.href === "/" ? pathname === "/" : pathname.startsWith(item.href);
        return (
          <li key={item.href}>
            <Link
              href={item.href}
              aria-current={current ? "page" : undefined}
              className="block rounded px-3 py-2 font-semibold text-white hover:bg-white/10 aria-[current=page]:bg-white aria-[current=page]:text-scop-800"
            >
              {item.label}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
