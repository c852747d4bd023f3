"use client";

import { useEffect, useRef, useState } from "react";

/**
 * A box that scrolls sideways when its content is wider than the screen (a wide table on a
 * phone). While it overflows, it is a named region in the tab order, so a keyboard user can
 * focus it and scroll it with the arrow keys (WCAG 2.1.1); while it fits, it is neither, so it
 * adds no empty tab stop. `relative` keeps absolutely placed content (an sr-only span) inside the
 * box instead of widening the page.
 */
export function ScrollRegion({ label, children }: { label?: string; children: React.ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const [overflows, setOverflows] = useState(false);

  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const measure = () => setOverflows(element.scrollWidth > element.clientWidth + 1);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    if (element.firstElementChild) observer.observe(element.firstElementChild);
    return () => observer.disconnect();
  }, []);

  return (
    <div
      ref={ref}
      className="relative overflow-x-auto rounded-md border border-slate-200 bg-white"
      {...(overflows ? { tabIndex: 0, role: "region", "aria-label": label ? `${label} (desplazable)` : "Tabla desplazable" } : {})}
    >
      {children}
    </div>
  );
}
