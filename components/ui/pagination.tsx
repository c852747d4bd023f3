import Link from "next/link";

const LINK = "rounded border border-slate-300 bg-white px-3 py-1 font-semibold";

/** "Anterior / Siguiente" links to the neighbouring pages, where there are any. */
export function PageLinks({ page, pages, href }: { page: number; pages: number; href: (page: number) => string }) {
  return (
    <div className="flex gap-2">
      {page > 1 ? (
        <Link href={href(page - 1)} className={LINK}>
          Anterior
        </Link>
      ) : null}
      {page < pages ? (
        <Link href={href(page + 1)} className={LINK}>
          Siguiente
        </Link>
      ) : null}
    </div>
  );
}

/** "Anterior / Siguiente" links that keep the current filters. */
export function Pagination({ page, pageSize, total, params, path }: { page: number; pageSize: number; total: number; params: Record<string, string>; path: string }) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const href = (target: number) => {
    const search = new URLSearchParams({ ...params, page: String(target) });
    return `${path}?${search.toString()}`;
  };
  return (
    <nav aria-label="Paginación" className="flex items-center justify-between gap-3 text-sm">
      <p className="text-slate-600">
        {total === 0 ? "Sin resultados" : `Página ${Math.min(page, pages)} de ${pages} · ${total} ${total === 1 ? "registro" : "registros"}`}
      </p>
      <PageLinks page={page} pages={pages} href={href} />
    </nav>
  );
}
