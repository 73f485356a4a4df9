// Upstream's conformance tests of the pinned Gateway API release, as data derived from its source
// (derive-upstream-tests.ts): which tests exist, their features, which are provisional, and per profile which
// tests are core, so the ConformanceReport can tell a core result that covered everything from one that did not.
import { readFileSync } from 'node:fs';

export interface UpstreamTest {
  name: string;
  features: string[];
  provisional: boolean;
  /** The Go file that declares it, in the gateway-api repository. */
  file: string;
}

export interface UpstreamConformanceTests {
  gatewayAPIVersion: string;
  source: string;
  /** Profile name -> its core features. */
  profiles: Record<string, string[]>;
  /** Profile name -> its extended features (absent in hand-made test data: then a profile has none). */
  extendedFeatures?: Record<string, string[]>;
  tests: UpstreamTest[];
}

const PINNED = JSON.parse(readFileSync(new URL('./upstream-tests-v1.6.1.json', import.meta.url), 'utf8')) as UpstreamConformanceTests;

export function upstreamTests(): UpstreamConformanceTests {
  return PINNED;
}

/** Tests all of whose features are core features of the profile: a core result covers every one of them. */
export function coreTestsOf(profile: string, data: UpstreamConformanceTests = PINNED): string[] {
  const core = data.profiles[profile];
  if (!core) return [];
  return data.tests.filter((test) => test.features.length > 0 && test.features.every((feature) => core.includes(feature))).map((test) => test.name);
}

/**
 * The profiles among `candidates` a test counts in: those whose core and extended features hold all of its
 * features (upstream's rule; a test needing only Gateway counts in every Gateway profile).
 */
export function profilesOfTest(features: readonly string[], candidates: readonly string[], data: UpstreamConformanceTests = PINNED): string[] {
  return candidates.filter((profile) => {
    const known = [...(data.profiles[profile] ?? []), ...(data.extendedFeatures?.[profile] ?? [])];
    return features.every((feature) => known.includes(feature));
  });
}

export function upstreamTest(name: string, data: UpstreamConformanceTests = PINNED): UpstreamTest | undefined {
  return data.tests.find((test) => test.name === name);
}

export function isProvisional(testName: string, data: UpstreamConformanceTests = PINNED): boolean {
  return data.tests.some((test) => test.name === testName && test.provisional);
}
