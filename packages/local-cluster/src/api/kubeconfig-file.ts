// The kubeconfig kubectl and client-node use to reach the local API server. Any bearer token is
// accepted (there is no authorization); a token is written all the same because some clients insist
// on having credentials.

import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'yaml';

export const LOCAL_CONTEXT_NAME = 'gauntlet-local';

export async function writeKubeconfig(stateDir: string, serverUrl: string, caCertPem: string): Promise<string> {
  const path = join(stateDir, 'kubeconfig');
  const config = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [
      {
        name: LOCAL_CONTEXT_NAME,
        cluster: { server: serverUrl, 'certificate-authority-data': Buffer.from(caCertPem).toString('base64') },
      },
    ],
    users: [{ name: LOCAL_CONTEXT_NAME, user: { token: randomBytes(16).toString('hex') } }],
    contexts: [
      { name: LOCAL_CONTEXT_NAME, context: { cluster: LOCAL_CONTEXT_NAME, user: LOCAL_CONTEXT_NAME, namespace: 'default' } },
    ],
    'current-context': LOCAL_CONTEXT_NAME,
    preferences: {},
  };
  await writeFile(path, stringify(config), { mode: 0o600 });
  return path;
}
