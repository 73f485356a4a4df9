// What the user reads when a command fails: one paragraph saying what happened, where, and what to do. Errors
// of our own (a class with a GAUNTLET_* code) already say that; Node's system errors (a port in use, a
// refused connection, a missing file) are put in the same words; anything else is a bug in gauntlet and
// says so, with --debug as the way to its stack trace.
//
//   describeFailure(error): { code: string; message: string; bug: boolean }

interface SystemError extends Error {
  code: string;
  syscall?: string;
  address?: string;
  port?: number;
  path?: string;
}

function isSystemError(error: unknown): error is SystemError {
  return error instanceof Error && typeof (error as { code?: unknown }).code === 'string' && typeof (error as { syscall?: unknown }).syscall === 'string';
}

function ownCode(error: unknown): string | undefined {
  const code = error instanceof Error ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' && code.startsWith('GAUNTLET_') ? code : undefined;
}

function systemMessage(error: SystemError): string {
  const endpoint = error.address === undefined ? '' : `${error.address}${error.port === undefined ? '' : `:${error.port}`}`;
  switch (error.code) {
    case 'EADDRINUSE':
      return `${endpoint || 'a port'} is in use by another program (${error.syscall}): stop that program, or find it with ss -ltnp${error.port === undefined ? '' : ` 'sport = :${error.port}'`}`;
    case 'ECONNREFUSED':
      return `nothing accepts connections at ${endpoint || 'the address'}: is the cluster or server there running? Check the kubeconfig's server, or start a cluster with gauntlet up`;
    case 'EACCES':
    case 'EPERM':
      return `${error.path ?? endpoint} may not be used by this user (${error.code}, ${error.syscall}): check its permissions${error.port !== undefined && error.port < 1024 ? ', or use a port from 1024 up' : ''}`;
    case 'ENOENT':
      return `${error.path ?? 'a file'} does not exist (${error.syscall}): check the path`;
    case 'ENOSPC':
      return `no space left on the device (${error.syscall}${error.path ? ` ${error.path}` : ''}): free some space, e.g. delete old folders under reports/`;
    default:
      return `${error.message} (${error.code}): the system refused an operation gauntlet needs; run with --debug to see where`;
  }
}

export function describeFailure(error: unknown): { code: string; message: string; bug: boolean } {
  const code = ownCode(error);
  if (code && error instanceof Error) return { code, message: error.message, bug: false };
  if (isSystemError(error)) return { code: error.code, message: systemMessage(error), bug: false };
  const message = error instanceof Error ? error.message : String(error);
  return {
    code: 'GAUNTLET_INTERNAL',
    message: `internal error: ${message}. This is a bug in gauntlet, not in your input: rerun with --debug for the stack trace and report it with that output`,
    bug: true,
  };
}
