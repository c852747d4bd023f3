/**
 * A table that scrolls sideways on a phone instead of overflowing the page. `relative` makes the
 * box the containing block of the visually hidden (absolutely positioned) labels of its cells, so
 * they scroll with it instead of widening the page.
 */
export function Table({ caption, children }: { caption?: string; children: React.ReactNode }) {
  return (
    <div className="relative overflow-x-auto rounded-md border border-slate-200 bg-white">
      <table className="w-full border-collapse text-sm [&_td]:border-t [&_td]:border-slate-200 [&_td]:px-3 [&_td]:py-2 [&_th]:bg-scop-50 [&_th]:px-3 [&_th]:py-2 [&_th]:text-left [&_th]:font-semibold [&_th]:text-scop-900">
        {caption ? <caption className="sr-only">{caption}</caption> : null}
        {children}
      </table>
    </div>
  );
}
