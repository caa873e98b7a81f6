import { spawn } from 'node:child_process';
import http from 'node:http';
import { AddressInfo } from 'node:net';

/** One request the server answered, for assertions. */
export interface GitHttpRequest {
  method: string;
  /** The URL path without the query, e.g. `/origin.git/info/refs`. */
  path: string;
  query: string;
  /** Whether it carried the required `Authorization` header. */
  authorized: boolean;
  status?: number;
}

export interface GitHttpServer {
  /** `http://127.0.0.1:<port>/<repoName>.git` */
  url(repoName: string): string;
  /** Every request so far, in arrival order. */
  requests: GitHttpRequest[];
  close(): Promise<void>;
}

export interface GitHttpServerOptions {
  /** Directory holding the bare repositories (`<name>.git`). */
  root: string;
  /** The exact `Authorization` header value a request must carry; others get 401. None: anyone may read and push. */
  requiredAuthorization?: string;
}

/** Splits CGI output into its header block and what follows the blank line. */
function splitCgiHeaders(
  buffer: Buffer,
): { head: string; body: Buffer } | undefined {
  const crlf = buffer.indexOf('\r\n\r\n');
  const lf = buffer.indexOf('\n\n');
  if (crlf === -1 && lf === -1) return undefined;
  if (crlf !== -1 && (lf === -1 || crlf < lf)) {
    return {
      head: buffer.subarray(0, crlf).toString('latin1'),
      body: buffer.subarray(crlf + 4),
    };
  }
  return {
    head: buffer.subarray(0, lf).toString('latin1'),
    body: buffer.subarray(lf + 2),
  };
}

function parseCgiHeaders(head: string): {
  status: number;
  headers: Array<[string, string]>;
} {
  let status = 200;
  const headers: Array<[string, string]> = [];
  for (const line of head.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim();
    const value = line.slice(colon + 1).trim();
    if (name.toLowerCase() === 'status') {
      status = Number.parseInt(value, 10) || 500;
    } else {
      headers.push([name, value]);
    }
  }
  return { status, headers };
}

function serveWithHttpBackend(
  root: string,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  url: URL,
  record: GitHttpRequest,
): void {
  const header = (name: string) => {
    const value = req.headers[name];
    return Array.isArray(value) ? value.join(', ') : value;
  };
  const optional = (name: string, value: string | undefined) =>
    value === undefined ? {} : { [name]: value };
  const child = spawn('git', ['-c', 'http.receivepack=true', 'http-backend'], {
    env: {
      PATH: process.env.PATH ?? '',
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_CONFIG_GLOBAL: '/dev/null',
      GIT_PROJECT_ROOT: root,
      GIT_HTTP_EXPORT_ALL: '1',
      GATEWAY_INTERFACE: 'CGI/1.1',
      SERVER_PROTOCOL: `HTTP/${req.httpVersion}`,
      REQUEST_METHOD: req.method ?? 'GET',
      PATH_INFO: decodeURIComponent(url.pathname),
      QUERY_STRING: url.search.replace(/^\?/, ''),
      REMOTE_USER: 'git-test',
      REMOTE_ADDR: req.socket.remoteAddress ?? '127.0.0.1',
      ...optional('CONTENT_TYPE', header('content-type')),
      ...optional('CONTENT_LENGTH', header('content-length')),
      ...optional('HTTP_CONTENT_ENCODING', header('content-encoding')),
      ...optional('HTTP_GIT_PROTOCOL', header('git-protocol')),
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });

  const stderr: Buffer[] = [];
  child.stderr.on('data', chunk => stderr.push(chunk));
  const fail = (message: string) => {
    if (res.headersSent) {
      res.destroy(new Error(message));
      return;
    }
    record.status = 500;
    res.writeHead(500, { 'Content-Type': 'text/plain' });
    res.end(message);
  };
  child.on('error', error => fail(`git http-backend: ${error.message}`));
  // The client may hang up mid-request; http-backend then sees a closed stdin.
  child.stdin.on('error', () => undefined);
  req.on('error', () => child.stdin.destroy());
  req.pipe(child.stdin);

  let pending: Buffer = Buffer.alloc(0);
  let headersDone = false;
  child.stdout.on('data', (chunk: Buffer) => {
    if (headersDone) {
      res.write(chunk);
      return;
    }
    pending = Buffer.concat([pending, chunk]);
    const split = splitCgiHeaders(pending);
    if (!split) return;
    headersDone = true;
    const { status, headers } = parseCgiHeaders(split.head);
    record.status = status;
    res.statusCode = status;
    for (const [name, value] of headers) res.appendHeader(name, value);
    if (split.body.length > 0) res.write(split.body);
  });
  child.on('close', code => {
    if (headersDone) {
      res.end();
    } else {
      fail(
        `git http-backend exited with ${code} before its headers: ${Buffer.concat(
          stderr,
        ).toString()}`,
      );
    }
  });
}

/**
 * A smart-HTTP git server on 127.0.0.1 (random port) for tests: `git http-backend` behind a
 * Node `http` server that demands one `Authorization` header value and answers 401 otherwise.
 * Pushes are enabled. Every request is recorded.
 */
export async function startGitHttpServer(
  options: GitHttpServerOptions,
): Promise<GitHttpServer> {
  const requests: GitHttpRequest[] = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const authorized =
      options.requiredAuthorization === undefined ||
      req.headers.authorization === options.requiredAuthorization;
    const record: GitHttpRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.search.replace(/^\?/, ''),
      authorized,
    };
    requests.push(record);
    if (!authorized) {
      record.status = 401;
      // Drain the body so the client sees the answer rather than a reset connection.
      req.resume();
      res.writeHead(401, {
        'WWW-Authenticate': 'Basic realm="git"',
        'Content-Type': 'text/plain',
      });
      res.end('Authentication required\n');
      return;
    }
    serveWithHttpBackend(options.root, req, res, url, record);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: repoName =>
      `http://127.0.0.1:${port}/${repoName.replace(/\.git$/, '')}.git`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close(error => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
