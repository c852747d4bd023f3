"use client";

import { Fragment, useEffect, useState } from "react";

const EVENT = "scop:page-reset";

/**
 * Starts the current screen afresh. Choosing in the menu the screen one is already on is, for
 * Next's router, a navigation to the same URL: it keeps every client component's state, so a
 * form's done screen ("Orden de pedido registrada." and its code) would stay where the user asked
 * for a new form. The menu calls this; <PageReset> then remounts the page.
 */
export function resetPage() {
  window.dispatchEvent(new Event(EVENT));
}

/** Around the page's content (components/layout/shell.tsx): remounts it on resetPage(). */
export function PageReset({ children }: { children: React.ReactNode }) {
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    const reset = () => setGeneration((value) => value + 1);
    window.addEventListener(EVENT, reset);
    return () => window.removeEventListener(EVENT, reset);
  }, []);
  return <Fragment key={generation}>{children}</Fragment>;
}
