import Fastify from 'fastify';

export interface RunningFloor {
  url: string;
  close(): Promise<void>;
}

/**
 * A bare Fastify route that answers with fixed bytes: the fastest this machine can serve the same
 * response over HTTP, so LP Desk's number reads as a fraction of the hardware, not in a vacuum.
 */
export async function startFloorServer(path: string, body: Buffer, contentType: string): Promise<RunningFloor> {
  const app = Fastify({ logger: false });
  app.get(path, (_request, reply) => {
    reply.type(contentType).send(body);
  });
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  return { url: address, close: () => app.close() };
}
