import pg from 'pg';

type Subscriber = (payload: string) => void;

/** Reconnect delays after the LISTEN connection is lost: 0.25 s doubling up to 5 s, for as long as it takes. */
export const listenerBackoffMs = { first: 250, max: 5_000 };

/**
 * One PostgreSQL connection that LISTENs on every subscribed channel and survives the server going
 * away (restart, failover, a terminated backend): it reconnects with back-off and LISTENs again.
 * NOTIFYs sent while it was down are lost, so after each reconnect every subscriber is called once
 * with the payload `''` — "something may have changed, catch up" (reload a cache, look for jobs).
 */
export class PgListener {
  private client: pg.Client | null = null;
  private readonly channels = new Map<string, Set<Subscriber>>();
  private connecting: Promise<void> | null = null;
  private retryTimer: NodeJS.Timeout | undefined;
  private delayMs = listenerBackoffMs.first;
  private closed = false;

  constructor(
    private readonly url: string,
    private readonly onProblem: (message: string, error: unknown) => void = () => undefined,
  ) {}

  /** LISTENs on the channel (connecting first if need be); the returned function unsubscribes. */
  async subscribe(channel: string, onMessage: Subscriber): Promise<() => Promise<void>> {
    const quoted = quoteChannel(channel);
    let subscribers = this.channels.get(channel);
    const isNew = !subscribers;
    if (!subscribers) this.channels.set(channel, (subscribers = new Set()));
    subscribers.add(onMessage);
    try {
      if (!this.client) await this.connect();
      else if (isNew) await this.client.query(`LISTEN ${quoted}`);
    } catch (error) {
      subscribers.delete(onMessage);
      if (subscribers.size === 0) this.channels.delete(channel);
      throw error;
    }
    return async () => {
      subscribers.delete(onMessage);
      if (subscribers.size > 0 || this.channels.get(channel) !== subscribers) return;
      this.channels.delete(channel);
      await this.client?.query(`UNLISTEN ${quoted}`).catch(() => undefined);
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retryTimer);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  /** Opens the connection and LISTENs on every channel; one attempt at a time. */
  private connect(): Promise<void> {
    if (this.client) return Promise.resolve();
    this.connecting ??= this.open().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  private async open(): Promise<void> {
    const client = new pg.Client({ connectionString: this.url, connectionTimeoutMillis: 10_000 });
    // Without an 'error' listener a lost connection is an uncaught exception that ends the process.
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client, new Error('LISTEN connection ended')));
    client.on('notification', (message) => {
      for (const subscriber of this.channels.get(message.channel) ?? []) subscriber(message.payload ?? '');
    });
    try {
      await client.connect();
      for (const channel of this.channels.keys()) await client.query(`LISTEN ${quoteChannel(channel)}`);
    } catch (error) {
      client.removeAllListeners('end');
      await client.end().catch(() => undefined);
      throw error;
    }
    if (this.closed) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    this.delayMs = listenerBackoffMs.first;
  }

  private lost(client: pg.Client, error: unknown): void {
    if (this.closed || this.client !== client) return;
    this.client = null;
    this.onProblem('LISTEN connection lost; reconnecting', error);
    client.end().catch(() => undefined);
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.closed) return;
    clearTimeout(this.retryTimer);
    const delay = this.delayMs;
    this.delayMs = Math.min(this.delayMs * 2, listenerBackoffMs.max);
    this.retryTimer = setTimeout(() => {
      this.connect().then(
        () => this.catchUp(),
        (error: unknown) => {
          this.onProblem('LISTEN reconnect failed; retrying', error);
          this.scheduleReconnect();
        },
      );
    }, delay);
    this.retryTimer.unref();
  }

  /** After a reconnect: NOTIFYs may have been missed while the connection was down. */
  private catchUp(): void {
    if (this.closed || !this.client) return;
    for (const subscribers of this.channels.values()) {
      for (const subscriber of subscribers) {
        try {
          subscriber('');
        } catch (error) {
          this.onProblem('LISTEN subscriber failed while catching up', error);
        }
      }
    }
  }
}

function quoteChannel(channel: string): string {
  return `"${channel.replaceAll('"', '')}"`;
}
