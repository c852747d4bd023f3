/**
 * A count with its words in the right number: "1 orden vendida por despachar", "2 órdenes
 * vendidas por despachar", "0 órdenes…" (Spanish uses the plural for zero). Every count shown to
 * a person goes through here, so no screen says "1 órdenes".
 */
export function countOf(count: number, singular: string, plural: string): string {
  return `${count.toLocaleString("es-PE")} ${count === 1 ? singular : plural}`;
}
