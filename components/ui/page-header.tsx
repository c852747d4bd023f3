export function PageHeader({ title, description }: { title: string; description?: React.ReactNode }) {
  return (
    <header className="mb-6">
      <h1 className="text-2xl font-bold text-scop-800">{title}</h1>
      {description ? <p className="mt-1 text-slate-600">{description}</p> : null}
    </header>
  );
}
