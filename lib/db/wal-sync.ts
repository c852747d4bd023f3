import { open, type FileHandle } from "node:fs/promises";

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
  /** kept open while the connection is: the WAL file is only removed when the last one closes */
  #file: FileHandle | null = null;

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
      this.#file ??= await open(this.walPath, "r");
      await this.#file.datasync();
    } catch (error) {
      // No WAL file: the last connection checkpointed it into the database file and synced that.
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    }
    this.#syncs++;
    this.#durable = Math.max(this.#durable, upTo);
  }

  /** Lets go of the WAL file, when the connection closes (it may then be removed). */
  async close(): Promise<void> {
    await this.#syncing;
    const file = this.#file;
    this.#file = null;
    await file?.close();
  }
}
