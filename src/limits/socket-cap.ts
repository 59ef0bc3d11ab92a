import type { Socket } from 'node:net';

/**
 * Caps the WebSockets one remote address holds open on this process (`WS_MAX_CONNECTIONS_PER_IP`).
 * Open sockets are a resource of the process that holds them, so this is an exact count kept
 * here, not a rate in the shared store: a count in a shared table would leak forever when a
 * process dies holding sockets. Behind a reverse proxy every client has the proxy's address,
 * which the cap then applies to (forwarded headers are not trusted: anyone can send them).
 */
export class SocketCap {
  private readonly open = new Map<string, number>();

  /** `max` 0 admits everything. */
  constructor(private readonly max: number) {}

  /**
   * Admits the connection on `socket` when its address holds fewer than `max`, and counts it
   * until the TCP connection closes (however the WebSocket ends, or if the upgrade fails).
   */
  admit(socket: Socket): boolean {
    if (this.max <= 0) return true;
    const address = socket.remoteAddress ?? 'unknown';
    const count = this.open.get(address) ?? 0;
    if (count >= this.max) return false;
    this.open.set(address, count + 1);
    socket.once('close', () => {
      const left = (this.open.get(address) ?? 1) - 1;
      if (left > 0) this.open.set(address, left);
      else this.open.delete(address);
    });
    return true;
  }
}
