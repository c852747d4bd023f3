/**
 * A throw-away PostgreSQL cluster on loopback for tests and benchmarks: initdb into a temporary
 * directory, start on a free port, stop and delete at the end. Needs Debian's postgresql package;
 * without it this fails loudly (tests never skip PostgreSQL silently).
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

export interface PostgresCluster {
  /** URL of the `postgres` maintenance database, as superuser `scop` (trust auth on loopback). */
  adminUrl: string;
  port: number;
  urlFor(database: string): string;
  /** Kills the server as a crash would (immediate shutdown: no checkpoint, WAL recovery at the next start). */
  crash(): void;
  /** Starts the server again on the same data directory and port. */
  start(): void;
  stop(): void;
}

function binDir(): string {
  const fromEnv = process.env.PG_BIN_DIR;
  if (fromEnv) return fromEnv;
  const base = "/usr/lib/postgresql";
  const versions = existsSync(base) ? readdirSync(base).sort((a, b) => Number(b) - Number(a)) : [];
  for (const version of versions) {
    const dir = path.join(base, version, "bin");
    if (existsSync(path.join(dir, "initdb"))) return dir;
  }
  throw new Error(
    "PostgreSQL no está instalado (no encontré initdb en /usr/lib/postgresql/*/bin). " +
      "Instálelo con `apt-get install -y postgresql` o defina PG_BIN_DIR.",
  );
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

/** initdb refuses to run as root; as root we run the server as the `postgres` system user. */
function asServerUser(command: string, args: string[]): string[] {
  if (process.getuid?.() !== 0) return [command, ...args];
  return ["runuser", "-u", "postgres", "--", command, ...args];
}

function run(argv: string[]): void {
  const [command, ...args] = argv;
  const result = spawnSync(command, args, { encoding: "utf8" });
  if (result.status !== 0) {
    throw new Error(`${argv.join(" ")} falló (${result.status}):\n${result.stdout}\n${result.stderr}`);
  }
}

export interface ClusterOptions {
  fsync?: boolean;
  /** a hot-standby replica of this cluster (pg_basebackup, streaming replication) instead of a new cluster */
  replicaOf?: PostgresCluster;
}

export async function startPostgresCluster(options: ClusterOptions = {}): Promise<PostgresCluster> {
  const bin = binDir();
  const dir = mkdtempSync(path.join(tmpdir(), "scop-pg-"));
  if (process.getuid?.() === 0) execFileSync("chown", ["postgres:postgres", dir]);
  const data = path.join(dir, "data");
  const port = await freePort();

  if (options.replicaOf) {
    // initdb's default pg_hba.conf trusts replication connections on loopback; -R writes standby.signal;
    // -c fast checkpoints at once instead of waiting for a spread checkpoint (minutes).
    run(asServerUser(path.join(bin, "pg_basebackup"), ["-D", data, "-h", "127.0.0.1", "-p", String(options.replicaOf.port), "-U", "scop", "-R", "-X", "stream", "-c", "fast"]));
  } else {
    run(asServerUser(path.join(bin, "initdb"), ["-D", data, "-U", "scop", "--auth=trust", "-E", "UTF8", "--no-locale"]));
  }
  const settings = [
    `-p ${port}`,
    "-c listen_addresses=127.0.0.1",
    `-c unix_socket_directories=${dir}`,
    "-c max_connections=200",
    "-c shared_buffers=256MB",
    // Tests may trade durability for speed; the crash test and benchmarks keep fsync on.
    `-c fsync=${options.fsync === false ? "off" : "on"}`,
    `-c synchronous_commit=${options.fsync === false ? "off" : "on"}`,
    "-c full_page_writes=on",
  ].join(" ");
  const start = () => run(asServerUser(path.join(bin, "pg_ctl"), ["-D", data, "-l", path.join(dir, "server.log"), "-o", settings, "-w", "-t", "60", "start"]));
  const stopImmediately = () => {
    const [command, ...args] = asServerUser(path.join(bin, "pg_ctl"), ["-D", data, "-m", "immediate", "-w", "stop"]);
    spawnSync(command, args);
  };
  start();

  const urlFor = (database: string) => `postgresql://scop@127.0.0.1:${port}/${database}`;
  return {
    adminUrl: urlFor("postgres"),
    port,
    urlFor,
    crash: stopImmediately,
    start,
    stop() {
      stopImmediately();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

