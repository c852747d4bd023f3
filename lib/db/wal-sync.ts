import { open } from "node:fs/promises";

/**
 * Group commit for SQLite in WAL mode with synchronous=NORMAL: a commit has written its frames to
 * the WAL file, and is durable once that file has been fdatasync'ed. Each caller waits for a sync
 * that began after its commit; one sync covers every commit counted before it started, so
 * concurrent commits share it, and it runs on libuv's thread pool, not on the event loop.
 */
export class WalSync {
  #committed = 0;
  #durable = 0;
  #syncing: Promise<void> | null = null;
  #syncs = 0;

  constructor(private readonly walPath: string) {}

  /** Counts a commit just made (call it before another can run); returns its sequence number. */
  committed(): number {
    return ++this.#committed;
  }

  /** The sequence number of the last commit made. */
  get current(): number {
    return this.#committed;
  }

  /** How many commits and syncs so far, and up to which commit everything is on disk. */
  get stats() {
    return { committed: this.#committed, durable: this.#durable, syncs: this.#syncs };
  }

  /** Resolves once every commit up to `sequence` is on disk. */
  async durable(sequence: number): Promise<void> {
    while (this.#durable < sequence) {
      this.#syncing ??= this.#sync().finally(() => (this.#syncing = null));
      await this.#syncing;
    }
  }

  async #sync(): Promise<void> {
    const upTo = this.#committed;
    try {
      const file = await open(this.walPath, "r");
      try {
        await file.datasync();
      } finally {
        await file.close();
      }
    } catch (error) {
      // No WAL file: the last connection checkpointed it into the database file and synced that.
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    }
    this.#syncs++;
    this.#durable = Math.max(this.#durable, upTo);
  }
}
