import { ButtonLink } from "./button";

/**
 * "Primera página" / "Página siguiente" for a list paged by keyset (a cursor in the URL): the
 * links keep the list's filters (`params`) and drop or set `cursor`.
 */
export function KeysetPages({ path, params, cursor, next }: { path: string; params: URLSearchParams; cursor: string | undefined; next: string | null }) {
  if (!cursor && !next) return null;
  const withCursor = (value: string | null) => {
    const search = new URLSearchParams(params);
    search.delete("cursor");
    if (value) search.set("cursor", value);
    const query = search.toString();
    return query ? `${path}?${query}` : path;
  };
  return (
    <nav aria-label="Paginación" className="flex flex-wrap gap-2">
      {cursor ? (
        <ButtonLink href={withCursor(null)} variant="secondary">
          Primera página
        </ButtonLink>
      ) : null}
      {next ? (
        <ButtonLink href={withCursor(next)} variant="secondary">
          Página siguiente
        </ButtonLink>
      ) : null}
    </nav>
  );
}
