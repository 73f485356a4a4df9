// The project's tests run kubectl through the local cluster package's helper: one implementation for both.
export { type Kubectl, type KubectlResult, kubectlFor } from '../../packages/local-cluster/test/support/kubectl.ts';
