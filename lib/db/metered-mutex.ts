import { Mutex, type MutexInterface } from "async-mutex";
import { metrics } from "@/lib/observability/metrics";

/**
 * The SQLite lock (serialized-sqlite-adapter.ts) with its use counted: how many calls hold it or
 * wait for it, and how long each waited. SQLite's one writer is what a PostgreSQL pool is there:
 * a queue here is the first sign that the embedded engine has reached its limit.
 */
export class MeteredMutex extends Mutex {
  override async acquire(priority?: number): Promise<MutexInterface.Releaser> {
    const { sqliteLock, sqliteLockWait } = metrics();
    const started = performance.now();
    sqliteLock.waiting++;
    let release: MutexInterface.Releaser;
    try {
      release = await super.acquire(priority);
    } finally {
      sqliteLock.waiting--;
    }
    sqliteLockWait.observe((performance.now() - started) / 1000);
    sqliteLock.held++;
    let released = false;
    return () => {
      if (!released) {
        released = true;
        sqliteLock.held--;
      }
      release();
    };
  }

  override async runExclusive<T>(callback: MutexInterface.Worker<T>, priority?: number): Promise<T> {
    const release = await this.acquire(priority);
    try {
      return await callback();
    } finally {
      release();
    }
  }
}
