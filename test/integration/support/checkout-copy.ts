// A second checkout of the project for tests that need one (concurrent runs, an unprivileged user): the
// source files copied, node_modules linked to this checkout's (the dependencies are the same, and a copy of
// them is half a gigabyte), the Gateway API CRD bundle copied in so that another user can read it.
import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveGatewayApiCrds } from '../../../harness/kube/gateway-api-crds.ts';
import { projectRoot } from '../../../harness/run/project-paths.ts';

const NOT_COPIED = new Set(['node_modules', 'reports', '.gauntlet', '.git', 'dist']);

export interface CheckoutCopy {
  dir: string;
  /** The CRD bundle inside the copy, for GAUNTLET_GATEWAY_API_CRDS. */
  crdsPath: string;
}

/** Copies the checkout into a new temporary folder, owned by `owner` when given (a user name). */
export async function copyCheckout(label: string, owner?: string): Promise<CheckoutCopy> {
  const dir = mkdtempSync(join(tmpdir(), `gauntlet-${label}-`));
  cpSync(projectRoot, dir, { recursive: true, filter: (source) => !NOT_COPIED.has(source.slice(projectRoot.length).split('/')[0] ?? '') });
  symlinkSync(join(projectRoot, 'node_modules'), join(dir, 'node_modules'));
  mkdirSync(join(dir, 'reports'), { recursive: true });
  const crds = await resolveGatewayApiCrds({ channel: 'standard' });
  const crdsPath = join(dir, 'standard-install.yaml');
  copyFileSync(crds.path, crdsPath);
  if (owner) execFileSync('chown', ['-R', `${owner}:`, dir]);
  return { dir, crdsPath };
}
