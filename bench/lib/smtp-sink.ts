/**
 * The SMTP server the portal delivers to during the bench (the `smtp-server` package on a
 * loopback port). It keeps only what the checks need, the Message-ID of each mail, read from
 * the headers without parsing the body, so it costs the bench process little CPU.
 */
import { SMTPServer } from 'smtp-server';

export class SmtpSink {
  private server: SMTPServer | undefined;
  port = 0;
  /** How many times each Message-ID was received (more than once = a mail sent twice). */
  readonly messageIds = new Map<string, number>();
  received = 0;

  async start(): Promise<void> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      // No DNS here (loopback only): a reverse lookup of 127.0.0.1 would only add delays.
      disableReverseLookup: true,
      size: 1024 * 1024,
      // At stop, connections still open (the portal's pooled ones) get « 421 » after 200 ms
      // instead of 30 s: an SMTP server going down, not one waiting for its clients to leave.
      closeTimeout: 200,
      onData: (stream, _session, callback) => {
        let head = '';
        stream.on('data', (chunk: Buffer) => {
          if (head.length < 16_384) head += chunk.toString('latin1');
        });
        stream.on('end', () => {
          const id = /^message-id:\s*(<[^>\r\n]+>)/im.exec(head)?.[1] ?? `(none ${this.received})`;
          this.received += 1;
          this.messageIds.set(id, (this.messageIds.get(id) ?? 0) + 1);
          callback();
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    // A client's connection reset (a portal killed mid-conversation, bench/reliability) is
    // reported here; it is the client's business, and unheard it would end the bench.
    server.on('error', () => undefined);
    const address = server.server.address();
    if (address && typeof address === 'object') this.port = address.port;
    this.server = server;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  /** Message-IDs received more than once. */
  duplicates(): number {
    let n = 0;
    for (const count of this.messageIds.values()) if (count > 1) n += 1;
    return n;
  }

  reset(): void {
    this.messageIds.clear();
    this.received = 0;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
