// The `gauntlet run` flags for testing any implementation, named as upstream's conformance suite names them:
// which features it supports and which tests to run (feature-selection.ts), and who made it (for the
// ConformanceReport). Declared here so that the run command only adds them and reads them back.
import type { Command } from 'commander';
import type { ImplementationInfo } from '../report/run-result.ts';
import type { FeatureSelectionOptions } from './feature-selection.ts';

export interface ImplementationFlagValues {
  supportedFeatures?: string[];
  exemptFeatures?: string[];
  allFeatures?: boolean;
  profiles?: string[];
  run?: string[];
  skip?: string[];
  skipProvisional?: boolean;
  organization?: string;
  project?: string;
  url?: string;
  version?: string;
  contact?: string[];
  mode?: string;
}

/** A comma-separated list, repeatable: `--skip a,b --skip c`. */
function list(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), ...value.split(',').map((item) => item.trim()).filter(Boolean)];
}

export function addImplementationFlags(command: Command): Command {
  return command
    .option('--supported-features <names>', "features the implementation supports (comma-separated); default: its GatewayClass's status.supportedFeatures", list)
    .option('--exempt-features <names>', 'features never counted as supported (comma-separated)', list)
    .option('--all-features', 'treat every feature as supported (less --exempt-features)')
    .option('--profiles <names>', 'run only scenarios of these conformance profiles, e.g. GATEWAY-HTTP (comma-separated)', list)
    .option('--run <names>', 'run only these scenarios, by scenario id or upstream test name (comma-separated)', list)
    .option('--skip <names>', 'skip these scenarios, by scenario id or upstream test name (comma-separated)', list)
    .option('--skip-provisional', 'skip scenarios of tests upstream marks provisional')
    .option('--organization <name>', 'ConformanceReport: the organization behind the implementation')
    .option('--project <name>', 'ConformanceReport: the project name')
    .option('--url <url>', "ConformanceReport: the project's URL")
    .option('--version <version>', "ConformanceReport: the implementation's version (also in the report's file name)")
    .option('--contact <contacts>', 'ConformanceReport: contacts, e.g. GitHub handles (comma-separated)', list)
    .option('--mode <mode>', "ConformanceReport: upstream's operating mode name (default: default)");
}

export function featureSelectionFrom(values: ImplementationFlagValues): FeatureSelectionOptions {
  const options: FeatureSelectionOptions = {};
  if (values.supportedFeatures) options.supportedFeatures = values.supportedFeatures;
  if (values.exemptFeatures) options.exemptFeatures = values.exemptFeatures;
  if (values.allFeatures) options.allFeatures = true;
  if (values.profiles) options.profiles = values.profiles;
  if (values.run) options.run = values.run;
  if (values.skip) options.skip = values.skip;
  if (values.skipProvisional) options.skipProvisional = true;
  return options;
}

export function implementationInfoFrom(values: ImplementationFlagValues): Partial<ImplementationInfo> {
  const info: Partial<ImplementationInfo> = {};
  if (values.organization !== undefined) info.organization = values.organization;
  if (values.project !== undefined) info.project = values.project;
  if (values.url !== undefined) info.url = values.url;
  if (values.version !== undefined) info.version = values.version;
  if (values.contact !== undefined) info.contact = values.contact;
  return info;
}
