/**
 * The events worker: four loops over the database, in whichever process runs it.
 * - fan-out: outbox events → notifications, e-mails, webhook deliveries (fan-out.ts);
 * - webhooks: due deliveries, up to SCOP_DELIVERY_CONCURRENCY at once (webhooks/deliver.ts);
 * - e-mail: due messages through SCOP_SMTP_URL, when set (email/deliver.ts);
 * - scheduler: the time-based events, each minute (scheduler.ts).
 * A loop that found work goes again at once; an idle one sleeps SCOP_OUTBOX_POLL_MS. It runs in
 * the web process by default (instrumentation.ts), and as `npm run worker` on PostgreSQL; on
 * SQLite only ever in the one process that holds the database (through its one connection).
 */
import { chargeFirstPending, fanOut, type WorkerContext } from "./fan-out";
import { claimEmails, closeTransports, recordEmailOutcomes, sendEmail, type EmailOutcome } from "./email/deliver";
import { Scheduler } from "./scheduler";
import { eventSettings } from "./settings";
import { systemResolver, type Resolver } from "./webhooks/address-guard";
import { claimDeliveries, recordOutcomes, send, type DeliveryOutcome } from "./webhooks/deliver";

export interface WorkerOptions {
  /** the scheduler loop (on by default) */
  scheduler?: boolean;
  /** name resolution for webhook URLs (tests inject DNS answers) */
  resolve?: Resolver;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class EventWorker {
  #running = false;
  #loops: Promise<void>[] = [];
  #wake: (() => void)[] = [];
  /** the delivery loops' idle pauses, cut short when a fan-out created work for them */
  #deliveryWaiting = new Set<() => void>();
  readonly #scheduler: Scheduler;
  readonly #resolve: Resolver;

  constructor(
    private readonly ctx: WorkerContext,
    private readonly options: WorkerOptions = {},
  ) {
    this.#scheduler = new Scheduler(ctx);
    this.#resolve = options.resolve ?? systemResolver;
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#loops = [
      this.#loop("fan-out", async () => {
        const busy = await this.fanOutOnce();
        if (busy) for (const wake of [...this.#deliveryWaiting]) wake();
        return busy;
      }),
      this.#webhookPump(),
      this.#emailPump(),
      ...(this.options.scheduler === false ? [] : [this.#loop("scheduler", async () => (await this.#scheduler.tick(), false), eventSettings.schedulerMs())]),
    ];
  }

  /** Stops taking work and waits for the loops (in-flight sends finish; their results are recorded). */
  async stop(): Promise<void> {
    if (!this.#running) return;
    this.#running = false;
    for (const wake of this.#wake.splice(0)) wake();
    await Promise.allSettled(this.#loops);
    closeTransports();
  }

  /** One fan-out batch; true when it took events. A batch the database refuses charges its first event an attempt. */
  async fanOutOnce(): Promise<boolean> {
    try {
      return (await fanOut(this.ctx)) > 0;
    } catch (error) {
      console.error("[scop] la distribución de eventos falló; se reintentará:", error);
      await chargeFirstPending(this.ctx, error).catch(() => {});
      return false;
    }
  }

  /** Runs every stage until nothing is due (tests, `npm run worker -- --once`). */
  async drain({ maxRounds = 10_000 }: { maxRounds?: number } = {}): Promise<void> {
    for (let round = 0; round < maxRounds; round++) {
      let busy = false;
      while (await this.fanOutOnce()) busy = true;
      const deliveries = await claimDeliveries(this.ctx, eventSettings.concurrency());
      if (deliveries.length) {
        busy = true;
        await recordOutcomes(this.ctx, await Promise.all(deliveries.map((delivery) => send(delivery, this.ctx.now(), this.#resolve))));
      }
      const smtp = eventSettings.smtpUrl();
      if (smtp) {
        const emails = await claimEmails(this.ctx, eventSettings.concurrency());
        if (emails.length) {
          busy = true;
          await recordEmailOutcomes(this.ctx, await Promise.all(emails.map((email) => sendEmail(email, smtp))));
        }
      }
      if (!busy) return;
    }
  }

  async tickScheduler(): Promise<void> {
    await this.#scheduler.tick();
  }

  /** A pause that stop() cuts short (and, for a delivery loop, new work from the fan-out). */
  #sleep(ms: number, delivery = false): Promise<void> {
    return new Promise<void>((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.#wake = this.#wake.filter((entry) => entry !== wake);
        this.#deliveryWaiting.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.#wake.push(wake);
      if (delivery) this.#deliveryWaiting.add(wake);
    });
  }

  async #loop(name: string, work: () => Promise<boolean>, idleMs = eventSettings.pollMs(), delivery = false): Promise<void> {
    while (this.#running) {
      let busy = false;
      try {
        busy = await work();
      } catch (error) {
        console.error(`[scop] el trabajador de eventos (${name}) falló; se reintentará:`, error);
      }
      if (!busy && this.#running) await this.#sleep(idleMs, delivery);
    }
  }

  /**
   * Keeps up to `concurrency` webhook POSTs in flight: claims as many as there are free slots,
   * and writes the finished ones' outcomes together, one transaction per round.
   */
  async #webhookPump(): Promise<void> {
    const inFlight = new Set<Promise<void>>();
    const finished: DeliveryOutcome[] = [];
    while (this.#running || inFlight.size > 0) {
      try {
        const free = eventSettings.concurrency() - inFlight.size;
        const claimed = this.#running && free > 0 ? await claimDeliveries(this.ctx, free) : [];
        for (const delivery of claimed) {
          const sending: Promise<void> = send(delivery, this.ctx.now(), this.#resolve)
            .then((outcome) => void finished.push(outcome))
            .finally(() => inFlight.delete(sending));
          inFlight.add(sending);
        }
        if (finished.length) await recordOutcomes(this.ctx, finished.splice(0));
        if (inFlight.size > 0) await Promise.race([...inFlight, sleep(eventSettings.pollMs())]);
        else if (claimed.length === 0 && this.#running) await this.#sleep(eventSettings.pollMs(), true);
      } catch (error) {
        console.error("[scop] el envío de webhooks falló; se reintentará:", error);
        if (this.#running) await this.#sleep(eventSettings.pollMs());
      }
    }
    if (finished.length) await recordOutcomes(this.ctx, finished.splice(0)).catch(() => {});
  }

  async #emailPump(): Promise<void> {
    await this.#loop("correo", async () => {
      const smtp = eventSettings.smtpUrl();
      if (!smtp) return false;
      const emails = await claimEmails(this.ctx, eventSettings.concurrency());
      if (emails.length === 0) return false;
      const outcomes: EmailOutcome[] = await Promise.all(emails.map((email) => sendEmail(email, smtp)));
      await recordEmailOutcomes(this.ctx, outcomes);
      return true;
    }, eventSettings.pollMs(), true);
  }
}
