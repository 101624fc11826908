/**
 * Why the CLI could not listen, in one line for a person: a port in use, a port below 1024
 * without the rights, an address that is not this machine's, a host name that does not resolve.
 * Anything else from listen() still gets one line, with Node's own message.
 */
export interface ListenTarget {
  host: string;
  port: number;
  /** Where the port came from, as the message shows it: `--port`, `PORT` or `the default`. */
  portSource: string;
  hostSource: string;
}

const HOST_ADVICE = 'try --host 127.0.0.1 (this machine only) or --host 0.0.0.0 (every interface)';

export function listenFailure(error: unknown, target: ListenTarget): string | null {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (typeof code !== 'string') return null;
  const { host, port } = target;
  const where = `${host.includes(':') ? `[${host}]` : host}:${port}`;
  switch (code) {
    case 'EADDRINUSE':
      return `port ${port} (${target.portSource}) is in use on ${host}; try --port 0 (any free port) or PORT=<another port>`;
    case 'EACCES':
    case 'EPERM':
      return port < 1024
        ? `not allowed to listen on port ${port} (${target.portSource}): ports below 1024 need administrator rights; try --port 0 (any free port) or PORT=4590`
        : `not allowed to listen on ${where}; try --port 0 (any free port) or PORT=<another port>`;
    case 'EADDRNOTAVAIL':
      return `cannot listen on ${host} (${target.hostSource}): it is not an address of this machine; ${HOST_ADVICE}`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_NONAME':
      return `cannot listen on ${host} (${target.hostSource}): no such host name; ${HOST_ADVICE}`;
    case 'EAFNOSUPPORT':
      return `cannot listen on ${host} (${target.hostSource}): this machine does not support that address family (IPv6?); ${HOST_ADVICE}`;
    default: {
      const syscall = (error as NodeJS.ErrnoException).syscall;
      if (syscall !== 'listen' && syscall !== 'bind' && syscall !== 'getaddrinfo') return null;
      return `cannot listen on ${where}: ${(error as Error).message}`;
    }
  }
}
