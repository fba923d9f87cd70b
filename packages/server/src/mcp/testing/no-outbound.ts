import net from 'node:net';

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+|localhost)$/;

/**
 * Record every TCP connection this process opens that is not to loopback, for a test to assert there was
 * none: the MCP server must never call out (no tool sends mail, fetches a URL or contacts anyone).
 */
export function watchOutboundConnections(): { outbound: string[]; attempts: string[]; restore(): void } {
  const outbound: string[] = [];
  const attempts: string[] = [];
  const original = net.Socket.prototype.connect;
  net.Socket.prototype.connect = function patchedConnect(this: net.Socket, ...args: unknown[]) {
    const first = args[0];
    const options = (typeof first === 'object' && first !== null ? first : { port: first, host: typeof args[1] === 'string' ? args[1] : undefined }) as {
      host?: string;
      port?: unknown;
      path?: string;
    };
    if (!options.path) {
      const target = `${options.host ?? 'localhost'}:${String(options.port)}`;
      attempts.push(target);
      if (!LOOPBACK.test(options.host ?? 'localhost')) outbound.push(target);
    }
    return (original as (...a: unknown[]) => net.Socket).apply(this, args);
  } as typeof original;
  const restore = () => {
    net.Socket.prototype.connect = original;
  };
  return { outbound, attempts, restore };
}
