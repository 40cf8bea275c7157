/**
 * A TCP proxy to put between chatload and a real server, to inject faults at the socket level:
 * the bytes pass through untouched (it knows nothing of TDS, and is no fake server). `cut()`
 * resets every open connection, as a server restart or a broken link does to its clients;
 * `refuse(true)` resets each new connection as it arrives (a server that is down), `refuse(false)`
 * lets them through again.
 */
import { createServer, connect, type Server, type Socket } from 'node:net';

export class FaultProxy {
  private refusing = false;
  private readonly open = new Set<Socket>();
  /** Connections accepted and passed on to the server. */
  passed = 0;
  /** Connections reset on arrival while refusing. */
  refused = 0;

  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

  /** Listens on an ephemeral loopback port, forwarding to `host:port`. */
  static start(host: string, port: number): Promise<FaultProxy> {
    const server = createServer();
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        const address = server.address();
        if (address === null || typeof address === 'string') {
          reject(new Error('the proxy has no TCP address'));
          return;
        }
        const proxy = new FaultProxy(server, address.port);
        server.on('connection', (client) => proxy.accept(client, host, port));
        resolve(proxy);
      });
    });
  }

  refuse(on: boolean): void {
    this.refusing = on;
  }

  /** Resets every connection open now (both sides). */
  cut(): void {
    for (const socket of this.open) socket.resetAndDestroy();
    this.open.clear();
  }

  async close(): Promise<void> {
    this.cut();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(client: Socket, host: string, port: number): void {
    if (this.refusing) {
      this.refused++;
      client.resetAndDestroy();
      return;
    }
    this.passed++;
    const upstream = connect(port, host);
    for (const [a, b] of [
      [client, upstream],
      [upstream, client],
    ] as const) {
      this.open.add(a);
      a.pipe(b);
      a.on('error', () => b.destroy());
      a.on('close', () => {
        this.open.delete(a);
        b.destroy();
      });
    }
  }
}
