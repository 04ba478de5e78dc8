import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A local round-robin HTTP load balancer, as nginx is in docker-compose.yml: it appends X-Forwarded-For. */
export interface LoadBalancer {
  url: string;
  /** Which upstream (its index) served each request, in order. */
  served: number[];
  close(): Promise<void>;
}

export async function startLoadBalancer(upstreams: string[]): Promise<LoadBalancer> {
  let next = 0;
  const served: number[] = [];
  const server = http.createServer((req, res) => {
    const index = next;
    next = (next + 1) % upstreams.length;
    served.push(index);
    const target = new URL(req.url ?? '/', upstreams[index]);
    const forwarded = [req.headers['x-forwarded-for'], req.socket.remoteAddress].filter(Boolean).join(', ');
    const upstream = http.request(target, { method: req.method, headers: { ...req.headers, host: target.host, 'x-forwarded-for': forwarded } }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, { ...answer.headers, 'x-upstream': String(index) });
      answer.pipe(res);
    });
    upstream.on('error', (e) => {
      res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`upstream ${index} failed: ${e.message}`);
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    served,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
