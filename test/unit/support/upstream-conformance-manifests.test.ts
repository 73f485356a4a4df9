import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  baseManifestsUrl,
  locateUpstreamBaseManifests,
  UpstreamManifestsError,
} from '../../support/upstream-conformance-manifests.ts';

const noDownload = async (url: string): Promise<string> => {
  throw new Error(`no download expected of ${url}`);
};

describe("where the tests find upstream's conformance base manifests", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'upstream-manifests-'));
  });

  it('takes GAUNTLET_UPSTREAM_CONFORMANCE first: a checkout, or the file itself', async () => {
    const checkout = join(dir, 'gateway-api');
    mkdirSync(join(checkout, 'conformance', 'base'), { recursive: true });
    writeFileSync(join(checkout, 'conformance', 'base', 'manifests.yaml'), 'kind: Namespace\n');
    const env = { GAUNTLET_UPSTREAM_CONFORMANCE: checkout };
    assert.deepEqual(await locateUpstreamBaseManifests({ env, cacheDir: join(dir, 'cache'), download: noDownload }), {
      path: join(checkout, 'conformance', 'base', 'manifests.yaml'),
      origin: 'environment',
    });
    const file = join(checkout, 'conformance', 'base', 'manifests.yaml');
    assert.deepEqual(await locateUpstreamBaseManifests({ env: { GAUNTLET_UPSTREAM_CONFORMANCE: file }, download: noDownload }), { path: file, origin: 'environment' });
  });

  it('fails, rather than skipping, when the variable names nothing usable', async () => {
    await assert.rejects(locateUpstreamBaseManifests({ env: { GAUNTLET_UPSTREAM_CONFORMANCE: join(dir, 'missing') } }), UpstreamManifestsError);
    await assert.rejects(
      locateUpstreamBaseManifests({ env: { GAUNTLET_UPSTREAM_CONFORMANCE: dir } }),
      /is a directory without conformance\/base\/manifests\.yaml: point it at a gateway-api checkout or at the file/,
    );
  });

  it('then the cache, then a download of the v1.6.1 file into the cache', async () => {
    const cacheDir = join(dir, 'cache');
    const requested: string[] = [];
    const download = async (url: string) => {
      requested.push(url);
      return 'kind: Namespace\n';
    };
    const first = await locateUpstreamBaseManifests({ env: {}, cacheDir, download });
    const cached = join(cacheDir, 'conformance', 'base', 'manifests.yaml');
    assert.deepEqual(first, { path: cached, origin: 'download' });
    assert.deepEqual(requested, ['https://raw.githubusercontent.com/kubernetes-sigs/gateway-api/v1.6.1/conformance/base/manifests.yaml']);
    assert.equal(readFileSync(cached, 'utf8'), 'kind: Namespace\n');
    assert.deepEqual(await locateUpstreamBaseManifests({ env: {}, cacheDir, download: noDownload }), { path: cached, origin: 'cache' });
    assert.equal(baseManifestsUrl('v1.5.0'), 'https://raw.githubusercontent.com/kubernetes-sigs/gateway-api/v1.5.0/conformance/base/manifests.yaml');
  });

  it('says why, and where to put the file, when there is no copy and no internet', async () => {
    const cacheDir = join(dir, 'cache');
    const offline = async () => {
      throw new Error('fetch failed', { cause: new Error('getaddrinfo ENOTFOUND raw.githubusercontent.com') });
    };
    const answer = await locateUpstreamBaseManifests({ env: {}, cacheDir, download: offline });
    assert.ok('unavailable' in answer);
    assert.match(answer.unavailable, /cannot be downloaded from https:\/\/raw\.githubusercontent\.com\/.* \(fetch failed: getaddrinfo ENOTFOUND raw\.githubusercontent\.com\)/);
    assert.match(answer.unavailable, /set GAUNTLET_UPSTREAM_CONFORMANCE to a gateway-api v1\.6\.1 checkout, or put the file at .*cache\/conformance\/base\/manifests\.yaml$/);
    assert.equal(existsSync(join(cacheDir, 'conformance', 'base', 'manifests.yaml')), false, 'nothing half-written in the cache');
  });
});
