/**
 * The part nginx plays in docker-compose.yml (deploy/engine-lb.conf), for the workers: one address in
 * front of both engine nodes. Each request goes to the first node that accepts the connection, so the
 * workers use the first node while it lives and the other once it refuses connections. As nginx does
 * with a POST by default, a request that reached a node which then failed is not sent again: the
 * client gets 502 and decides (the workers report a failure and fetch the task again).
 */
import { createServer, request as forward, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Upstream {
  name: string;
  /** The node's REST base, e.g. http://127.0.0.1:18080/engine-rest. */
  url: string;
}

export interface FailoverProxy {
  /** The REST base to give the clients, e.g. http://127.0.0.1:18090/engine-rest. */
  url: string;
  /** Requests each node answered so far. */
  answered(): Record<string, number>;
  close(): Promise<void>;
}

/** Hop-by-hop headers stay with their connection: each forwarded request has a connection of its own. */
function endToEnd(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  const rest = { ...headers };
  delete rest.connection;
  delete rest['keep-alive'];
  return rest;
}

function send(upstream: URL, incoming: IncomingMessage, body: Buffer): Promise<IncomingMessage | 'refused'> {
  return new Promise((resolve, reject) => {
    const outgoing = forward(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: incoming.method,
        path: incoming.url,
        headers: { ...endToEnd(incoming.headers), connection: 'close' },
        agent: false,
      },
      resolve,
    );
    outgoing.on('error', (error: NodeJS.ErrnoException) =>
      error.code === 'ECONNREFUSED' ? resolve('refused') : reject(error),
    );
    outgoing.end(body);
  });
}

export async function startFailoverProxy(upstreams: readonly Upstream[]): Promise<FailoverProxy> {
  const answered: Record<string, number> = Object.fromEntries(upstreams.map(({ name }) => [name, 0]));
  const server = createServer((incoming, reply) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      void (async () => {
        const body = Buffer.concat(chunks);
        try {
          for (const upstream of upstreams) {
            const response = await send(new URL(upstream.url), incoming, body);
            if (response === 'refused') continue;
            answered[upstream.name]! += 1;
            reply.writeHead(response.statusCode ?? 502, endToEnd(response.headers));
            response.on('error', () => reply.destroy());
            response.pipe(reply);
            return;
          }
          reply.writeHead(502).end('no engine node accepts connections');
        } catch (error) {
          // the node failed after the request reached it: like nginx with a POST, do not send it again
          if (!reply.headersSent) reply.writeHead(502).end(String(error));
          else reply.destroy();
        }
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${new URL(upstreams[0]!.url).pathname}`,
    answered: () => ({ ...answered }),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
