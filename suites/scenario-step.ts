// One step of a scenario suite as a mocha test: skipped (with the reason) after an earlier failure, and leaving
// for the report what the step itself cannot know — how long the last change (apply, delete) took to reach the
// traffic (route propagation: from the change's end to the first passing answer of the next traffic step), a
// split's counts, and on failure the status of the objects it depended on.
//
//   createStepAdder(suite, steps, notRunReason): AddStep     one per scenario: it keeps the scenario's state
import type { KubernetesObject } from '@kubernetes/client-node';
import Mocha from 'mocha';
import { AwaitTimeoutError } from '../harness/kube/await-object.ts';
import type { ObjectRef } from '../harness/kube/kube-client.ts';
import type { LocatedManifest } from '../harness/scenario/scenario-types.ts';
import { refsToObserve } from './observed-refs.ts';
import { type NoteStep, type StepDetails, type StepNotes, setStepDetails } from './step-details.ts';
import type { ScenarioSteps } from './steps/scenario-steps.ts';

export interface StepOptions {
  /** Manifests the step applies: from then on their status is shown when a step fails. */
  applies?: readonly LocatedManifest[];
  /** The step changes the cluster: the next traffic step measures the propagation from its end. */
  changes?: boolean;
  /** On failure, record the status of these objects and of the scenario's Gateway API objects. */
  observe?: readonly ObjectRef[];
}

export type AddStep = (title: string, body: (note: NoteStep) => Promise<void>, options?: StepOptions) => void;

export function createStepAdder(suite: Mocha.Suite, steps: ScenarioSteps, notRunReason: string): AddStep {
  let failed = false;
  const applied: LocatedManifest[] = [];
  /** End of the last change no traffic step has measured yet. */
  let changedAt: number | undefined;
  const observeFailure = async (error: unknown, options: StepOptions, details: StepDetails) => {
    if (!options.observe || !steps.observe) return;
    const seen: KubernetesObject[] = error instanceof AwaitTimeoutError && error.lastSeen ? [error.lastSeen] : [];
    const objects = await steps.observe(refsToObserve(options.observe, applied), seen);
    if (objects.length > 0) details.objects = objects;
  };
  const settle = (notes: StepNotes, details: StepDetails) => {
    if (notes.split) details.split = notes.split;
    if (notes.firstPassAt !== undefined && changedAt !== undefined) {
      details.propagationMs = Math.max(0, Math.round(notes.firstPassAt - changedAt));
      changedAt = undefined;
    }
  };
  return (title, body, options = {}) => {
    suite.addTest(
      new Mocha.Test(title, async function (this: Mocha.Context) {
        if (failed) {
          if (this.test) this.test.title = `${title} (${notRunReason})`;
          this.skip();
        }
        applied.push(...(options.applies ?? []));
        const notes: StepNotes = {};
        const details: StepDetails = {};
        try {
          await body((more) => Object.assign(notes, more));
          if (options.changes) changedAt = Date.now();
        } catch (error) {
          failed = true;
          await observeFailure(error, options, details);
          throw error;
        } finally {
          settle(notes, details);
          if (this.test) setStepDetails(this.test, details);
        }
      }),
    );
  };
}
