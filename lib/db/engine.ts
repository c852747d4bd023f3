export type Engine = "sqlite" | "postgresql";

export function engineOf(url: string): Engine {
  if (url.startsWith("file:")) return "sqlite";
  if (url.startsWith("postgresql://") || url.startsWith("postgres://")) return "postgresql";
  throw new Error(`DATABASE_URL no reconocida (se espera file:… o postgresql://…): ${url.split(":")[0]}:…`);
}

/** The path of a SQLite url, `file:./data/scop.db` → `./data/scop.db`. */
export function sqlitePath(url: string): string {
  return url.replace(/^file:/, "").split("?")[0];
}
