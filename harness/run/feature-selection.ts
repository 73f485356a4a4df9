// Which scenarios run against an implementation, as upstream's conformance suite decides: the features the
// implementation supports come from its GatewayClass's status.supportedFeatures, unless --supported-features
// names them or --all-features claims all; --exempt-features takes some away. A scenario needing a feature
// outside that set is skipped naming the feature, and is not counted (the ConformanceReport lists the feature
// as unsupported). --profiles keeps only scenarios of those profiles; --run keeps only the named ones; --skip
// and --skip-provisional skip some (counted as skipped, as upstream does).
import type { Scenario } from '../scenario/scenario-types.ts';

export interface FeatureSelectionOptions {
  /** Explicit supported features (--supported-features); overrides the GatewayClass status. */
  supportedFeatures?: string[];
  /** Features never counted as supported (--exempt-features). */
  exemptFeatures?: string[];
  /** Every feature is supported (--all-features), less the exempt ones. */
  allFeatures?: boolean;
  /** Conformance profiles to run (--profiles); others are left out of the run and its reports. */
  profiles?: string[];
  /** Only these scenarios, by scenario id or upstream test name (--run). */
  run?: string[];
  /** Skip these, by scenario id or upstream test name (--skip). */
  skip?: string[];
  /** Skip scenarios mirroring a test upstream marks provisional (--skip-provisional). */
  skipProvisional?: boolean;
}

export type FeatureSkipCause = 'unsupported-feature' | 'flag';

export interface FeatureSkip {
  scenario: Scenario;
  because: FeatureSkipCause;
  reason: string;
}

export interface FeatureSelection {
  runnable: Scenario[];
  skipped: FeatureSkip[];
  /** Left out by --profiles: not run and not reported. */
  leftOut: Scenario[];
  /** The supported features used, and where they came from. */
  supported: { features: 'all' | string[]; source: string };
}

/** Whether the options decide the supported features without asking the cluster. */
export function needsDeclaredFeatures(options: FeatureSelectionOptions): boolean {
  return options.supportedFeatures === undefined && !options.allFeatures;
}

const named = (scenario: Scenario, names: readonly string[]) => names.includes(scenario.id) || (scenario.conformanceTest !== undefined && names.includes(scenario.conformanceTest));

export function selectForFeatures(
  scenarios: readonly Scenario[],
  options: FeatureSelectionOptions,
  declared: { features: string[]; source: string } | undefined,
  isProvisional: (testName: string) => boolean,
): FeatureSelection {
  const exempt = new Set(options.exemptFeatures ?? []);
  const supported: FeatureSelection['supported'] = options.allFeatures
    ? { features: 'all', source: '--all-features' }
    : options.supportedFeatures !== undefined
      ? { features: options.supportedFeatures.filter((feature) => !exempt.has(feature)), source: '--supported-features' }
      : { features: (declared?.features ?? []).filter((feature) => !exempt.has(feature)), source: declared?.source ?? 'nothing declared' };
  const isSupported = (feature: string) => !exempt.has(feature) && (supported.features === 'all' || supported.features.includes(feature));
  const selection: FeatureSelection = { runnable: [], skipped: [], leftOut: [], supported };
  for (const scenario of scenarios) {
    if (options.profiles && !options.profiles.includes(scenario.profile)) {
      selection.leftOut.push(scenario);
      continue;
    }
    const missing = scenario.features.filter((feature) => !isSupported(feature));
    if (missing.length > 0) {
      const reason = `needs ${missing.length === 1 ? 'feature' : 'features'} ${missing.join(', ')}, not supported by the implementation (${supported.source})`;
      selection.skipped.push({ scenario, because: 'unsupported-feature', reason });
    } else if (options.run && !named(scenario, options.run)) {
      selection.skipped.push({ scenario, because: 'flag', reason: `not named by --run ${options.run.join(',')}` });
    } else if (options.skip && named(scenario, options.skip)) {
      selection.skipped.push({ scenario, because: 'flag', reason: 'named by --skip' });
    } else if (options.skipProvisional && scenario.conformanceTest !== undefined && isProvisional(scenario.conformanceTest)) {
      selection.skipped.push({ scenario, because: 'flag', reason: `upstream marks ${scenario.conformanceTest} provisional (--skip-provisional)` });
    } else {
      selection.runnable.push(scenario);
    }
  }
  return selection;
}

/** Feature names of a GatewayClass's status.supportedFeatures: objects ({ name }) since v1.2, strings before. */
export function declaredFeatures(gatewayClass: { status?: { supportedFeatures?: unknown } } | undefined): string[] {
  const list = gatewayClass?.status?.supportedFeatures;
  if (!Array.isArray(list)) return [];
  return list.flatMap((entry: unknown) => {
    if (typeof entry === 'string') return [entry];
    if (entry && typeof entry === 'object' && typeof (entry as { name?: unknown }).name === 'string') return [(entry as { name: string }).name];
    return [];
  });
}
