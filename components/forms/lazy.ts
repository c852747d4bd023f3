/**
 * The shared zod schemas reach the browser only when a form first needs them. zod is the largest
 * library of the forms (about 25 KiB compressed even with a single language), and a phone on a
 * mobile network should not wait for it before it can paint and use the page: a form loads its
 * schemas with `lazy(() => import("@/lib/orders/schemas"))`, starts the download when the user
 * first focuses a field (`onFocus={schemas}`), and awaits them when checking. The server parses
 * again with the same schemas, so nothing is checked by a copy of a rule.
 *
 * Import only types from a schema module statically (`import type { … }`): any value imported
 * from it brings zod back into the page's first download.
 */
export function lazy<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () => {
    loading ??= load().catch((error: unknown) => {
      // A failed download (connection lost) is tried again next time.
      loading = undefined;
      throw error;
    });
    return loading;
  };
}
