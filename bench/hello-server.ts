/**
 * The HTTP limit of this machine for the bench: a bare Fastify server (no plugins, no logger)
 * whose one route answers "hello". `npm run bench` starts it as its own process and loads it
 * with the same tool and connections as the portal's pages.
 */
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.get('/', () => 'hello');
const port = Number(process.env.PORT ?? 3001);
await app.listen({ host: '127.0.0.1', port });
const stop = (): void => {
  app.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
