import Link from "next/link";

const VARIANTS = {
  primary: "bg-scop-700 text-white hover:bg-scop-800 disabled:bg-slate-400",
  secondary: "border border-slate-300 bg-white text-slate-800 hover:bg-slate-100 disabled:text-slate-400",
  danger: "bg-red-700 text-white hover:bg-red-800 disabled:bg-slate-400",
} as const;

type Variant = keyof typeof VARIANTS;

const base = "inline-flex items-center justify-center gap-2 rounded-md px-4 py-2 text-sm font-semibold disabled:cursor-not-allowed";

export function Button({ variant = "primary", className = "", ...props }: React.ButtonHTMLAttributes<HTMLButtonElement> & { variant?: Variant }) {
  return <button type="button" {...props} className={`${base} ${VARIANTS[variant]} ${className}`} />;
}

export function ButtonLink({ variant = "primary", className = "", ...props }: React.ComponentProps<typeof Link> & { variant?: Variant }) {
  return <Link {...props} className={`${base} ${VARIANTS[variant]} ${className}`} />;
}

/** Small table-row link, e.g. "Ver Mov." / "Ver Detalle"; at least 24 px tall (WCAG 2.5.8). */
export function RowLink(props: React.ComponentProps<typeof Link>) {
  return <Link {...props} className="inline-flex min-h-6 items-center font-semibold text-scop-700 underline underline-offset-2 hover:text-scop-900" />;
}
