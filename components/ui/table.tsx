import { ScrollRegion } from "./scroll-region";

/**
 * How a table fits a phone:
 * - "scroll" (default): it scrolls sideways inside its box, which the keyboard can reach;
 * - "cards": below 640 px each row becomes a card, each cell on its own line under its column's
 *   name, so everything (codes, lots, plates, quantities, the row's links) is seen without
 *   scrolling sideways. Give each cell its column's name with `<Cell label="…">` (or `data-label`).
 *   Use it for tables of orders and of lots; keep "scroll" for wide tables of figures.
 */
export type TableLayout = "scroll" | "cards";

const CELLS =
  "w-full border-collapse text-sm [&_td]:border-t [&_td]:border-slate-200 [&_td]:px-3 [&_td]:py-2 [&_th]:bg-scop-50 [&_th]:px-3 [&_th]:py-2 [&_th]:text-left [&_th]:font-semibold [&_th]:text-scop-900";

export function Table({ caption, layout = "scroll", children }: { caption?: string; layout?: TableLayout; children: React.ReactNode }) {
  return (
    <ScrollRegion label={caption}>
      <table className={`${CELLS} ${layout === "cards" ? "table-cards" : ""}`}>
        {caption ? <caption className="sr-only">{caption}</caption> : null}
        {children}
      </table>
    </ScrollRegion>
  );
}

/**
 * A body cell that names its column, shown beside its value when the row is a card (label ""
 * for the row's links and buttons, which then take the card's whole width).
 */
export function Cell({ label, children, ...props }: React.TdHTMLAttributes<HTMLTableCellElement> & { label: string }) {
  return (
    <td data-label={label} {...props}>
      <div className="min-w-0">{children}</div>
    </td>
  );
}
