import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';

export interface RouteEntry {
  method: string;
  url: string;
}

/**
 * Every route the running app serves, read from Fastify's own route tree
 * (`printRoutes({ commonPrefix: false })`), so a test that walks them all sees a route the day
 * it is added. HEAD routes Fastify adds beside each GET are left out (they run the GET's
 * handler); so are the built web app's static files, which are public by design.
 */
export function routeTable(server: FastifyInstance, webDist: string): RouteEntry[] {
  const tree = server.printRoutes({ commonPrefix: false });
  const stack: string[] = [];
  const routes: RouteEntry[] = [];

  for (const line of tree.split('\n')) {
    const branch = line.indexOf('── ');

    if (branch === -1) continue;

    // Each level of the tree is indented by four characters ("│   " or "    ").
    const depth = Math.round((branch - 1) / 4);
    const node = /^(.*?)(?: \(([A-Z, ]+)\))?$/.exec(line.slice(branch + 3));
    const segment = node?.[1] ?? '';

    stack.length = depth;
    stack.push(segment);

    const url = stack.join('');
    const methods = (node?.[2] ?? '').split(',').map((method) => method.trim());

    for (const method of methods) {
      if (method === '' || method === 'HEAD') continue;

      if (method === 'GET' && isFile(join(webDist, url))) continue;

      routes.push({ method, url });
    }
  }

  return routes;
}

const isFile = (path: string) => existsSync(path) && statSync(path).isFile();
