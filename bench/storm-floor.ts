/**
 * The floor the storm benchmark holds Vigie to: the least any receiver must do with an Alertmanager
 * body — read it over HTTP, JSON.parse it, store each alert with one pipelined Redis SET — and
 * nothing else. Run by bench/storm.ts as its own process: PORT=… REDIS_URL=… node storm-floor.js
 */
import http from 'node:http';
import { Redis } from 'ioredis';

interface Body {
  alerts: Array<{ fingerprint: string }>;
}

const redis = new Redis(process.env.REDIS_URL ?? '');
const server = http.createServer((req, res) => {
  if (req.method !== 'POST') {
    res.writeHead(200);
    res.end('ready');
    return;
  }
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Body;
    const pipeline = redis.pipeline();
    for (const alert of body.alerts) pipeline.set(`floor:${alert.fingerprint}`, JSON.stringify(alert));
    pipeline.exec().then(
      () => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"status":"stored"}');
      },
      () => {
        res.writeHead(503);
        res.end();
      },
    );
  });
});
server.listen(Number(process.env.PORT), '127.0.0.1', () => process.stdout.write('ready\n'));
// A clean exit on stop, so that --cpu-prof (FLOOR_NODE_ARGS) writes its profile.
process.on('SIGTERM', () => process.exit(0));
