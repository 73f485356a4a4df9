// The project's tests poll with the local cluster package's helper: one implementation for both.
export { eventually } from '../../packages/local-cluster/test/support/eventually.ts';
