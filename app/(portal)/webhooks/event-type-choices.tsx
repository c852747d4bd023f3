"use client";

/** The event types an endpoint receives, as checkboxes. */
export function EventTypeChoices({
  options,
  selected,
  onChange,
  errors,
}: {
  options: { type: string; label: string }[];
  selected: Set<string>;
  onChange: (next: Set<string>) => void;
  errors?: string[];
}) {
  return (
    <fieldset className="space-y-2" aria-describedby={errors?.length ? "event-types-error" : undefined}>
      <legend className="text-sm font-semibold text-slate-800">Eventos que recibe</legend>
      <div className="grid gap-2 sm:grid-cols-2">
        {options.map((option, index) => (
          <label key={option.type} className="flex items-start gap-2">
            <input
              // the error summary's link to this question lands on its first choice
              id={index === 0 ? "event-types" : undefined}
              aria-invalid={errors?.length ? true : undefined}
              type="checkbox"
              className="mt-1 h-4 w-4 shrink-0"
              checked={selected.has(option.type)}
              onChange={(event) => {
                const next = new Set(selected);
                if (event.target.checked) next.add(option.type);
                else next.delete(option.type);
                onChange(next);
              }}
            />
            <span>
              {option.label} <code className="text-xs text-slate-600">{option.type}</code>
            </span>
          </label>
        ))}
      </div>
      {errors?.length ? (
        <p id="event-types-error" className="text-sm text-red-700">
          {errors.join(" ")}
        </p>
      ) : null}
    </fieldset>
  );
}
