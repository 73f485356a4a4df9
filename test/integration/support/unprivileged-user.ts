// The user the unprivileged tests run gauntlet as. As root (CI), a dedicated system user is created when
// missing and commands run as it through runuser; as anyone else, the tests run as that user themselves.
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const TEST_USER = 'gauntlet-unprivileged';

export interface RunAs {
  /** The user name, or undefined when commands run as the current (already unprivileged) user. */
  user: string | undefined;
  /** Wraps a command so that it runs as that user, with exactly this environment. */
  wrap(command: string, args: string[], env: NodeJS.ProcessEnv): { command: string; args: string[]; env: NodeJS.ProcessEnv };
  /** A HOME of its own. */
  home: string;
}

export function unprivilegedUser(): RunAs {
  if (process.getuid?.() !== 0) {
    return { user: undefined, home: process.env.HOME ?? tmpdir(), wrap: (command, args, env) => ({ command, args, env }) };
  }
  try {
    execFileSync('id', ['-u', TEST_USER], { stdio: 'ignore' });
  } catch {
    execFileSync('useradd', ['--system', '--create-home', '--shell', '/bin/sh', TEST_USER], { stdio: 'pipe' });
  }
  const home = join(tmpdir(), `${TEST_USER}-home`);
  mkdirSync(home, { recursive: true });
  execFileSync('chown', [`${TEST_USER}:`, home]);
  return {
    user: TEST_USER,
    home,
    // runuser -u keeps no environment of root's: `env -i` hands over exactly the one given.
    wrap: (command, args, env) => ({
      command: 'runuser',
      args: ['-u', TEST_USER, '--', 'env', '-i', ...Object.entries(env).map(([key, value]) => `${key}=${value ?? ''}`), command, ...args],
      env: { PATH: process.env.PATH ?? '/usr/sbin:/usr/bin:/sbin:/bin' },
    }),
  };
}
