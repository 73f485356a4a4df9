import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CRDS_ENV_VARIABLE, CrdSourceError, releaseAssetUrl, resolveGatewayApiCrds } from '../../../harness/kube/gateway-api-crds.ts';

const bundleText = 'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata: {name: x}\n';
const offline = async (): Promise<string> => {
  throw new Error('getaddrinfo ENOTFOUND');
};

describe('Gateway API CRD source', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'gauntlet-crds-'));
  });

  it('takes the file the variable names', async () => {
    const file = join(dir, 'bundle.yaml');
    await writeFile(file, bundleText);
    const bundle = await resolveGatewayApiCrds({ env: { [CRDS_ENV_VARIABLE]: file }, download: offline });
    assert.deepEqual(bundle, { path: file, origin: 'environment', version: 'v1.6.1', channel: 'standard' });
  });

  it('takes standard-install.yaml inside the directory the variable names', async () => {
    await writeFile(join(dir, 'standard-install.yaml'), bundleText);
    const bundle = await resolveGatewayApiCrds({ env: { [CRDS_ENV_VARIABLE]: dir }, download: offline });
    assert.equal(bundle.path, join(dir, 'standard-install.yaml'));
  });

  it('names the variable when it points at nothing usable', async () => {
    await assert.rejects(resolveGatewayApiCrds({ env: { [CRDS_ENV_VARIABLE]: join(dir, 'missing') } }), (error: unknown) => {
      assert.ok(error instanceof CrdSourceError);
      assert.match(error.message, /GAUNTLET_GATEWAY_API_CRDS=.*missing: no such file or directory/);
      return true;
    });
    await assert.rejects(resolveGatewayApiCrds({ env: { [CRDS_ENV_VARIABLE]: dir } }), /is a directory without standard-install\.yaml/);
  });

  it('finds the experimental bundle beside the standard one, and asks for its own release asset', async () => {
    await writeFile(join(dir, 'experimental-install.yaml'), bundleText);
    const fromEnv = await resolveGatewayApiCrds({ channel: 'experimental', env: { [CRDS_ENV_VARIABLE]: dir }, download: offline });
    assert.deepEqual(fromEnv, { path: join(dir, 'experimental-install.yaml'), origin: 'environment', version: 'v1.6.1', channel: 'experimental' });
    const asked: string[] = [];
    await resolveGatewayApiCrds({ channel: 'experimental', env: {}, cacheDir: join(dir, 'cache'), download: async (url) => {
        asked.push(url);
        return bundleText;
      },
    });
    assert.deepEqual(asked, [releaseAssetUrl('v1.6.1', 'experimental')]);
    assert.match(asked[0] ?? '', /\/v1\.6\.1\/experimental-install\.yaml$/);
  });

  it('uses the cache before downloading', async () => {
    const cacheDir = join(dir, 'cache');
    await mkdir(cacheDir);
    await writeFile(join(cacheDir, 'standard-install.yaml'), bundleText);
    const bundle = await resolveGatewayApiCrds({ env: {}, cacheDir, download: offline });
    assert.equal(bundle.origin, 'cache');
  });

  it('downloads the pinned release asset into the cache once', async () => {
    const cacheDir = join(dir, 'cache');
    const asked: string[] = [];
    const download = async (url: string) => {
      asked.push(url);
      return bundleText;
    };
    const first = await resolveGatewayApiCrds({ env: {}, cacheDir, download });
    const second = await resolveGatewayApiCrds({ env: {}, cacheDir, download });
    assert.deepEqual(asked, [releaseAssetUrl('v1.6.1')]);
    assert.match(asked[0] ?? '', /\/v1\.6\.1\/standard-install\.yaml$/);
    assert.equal(first.origin, 'download');
    assert.equal(second.origin, 'cache');
    assert.equal(readFileSync(first.path, 'utf8'), bundleText);
  });

  it('offline without variable or cache: an error that names the variable, and no half-written cache', async () => {
    const cacheDir = join(dir, 'cache');
    await assert.rejects(resolveGatewayApiCrds({ env: {}, cacheDir, download: offline }), (error: unknown) => {
      assert.ok(error instanceof CrdSourceError);
      assert.match(error.message, /set GAUNTLET_GATEWAY_API_CRDS/);
      assert.match(error.message, /ENOTFOUND/);
      return true;
    });
    assert.equal(existsSync(join(cacheDir, 'standard-install.yaml')), false);
  });
});
