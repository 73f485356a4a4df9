// A column of a `kubectl get` table.
import type { KubeObject } from '../../store/object-store-contract.ts';

export interface PrinterColumn {
  name: string;
  /** string, integer, number, boolean or date (dates print as an age, like `5m`). */
  type: string;
  jsonPath: string;
  description?: string;
  priority?: number;
  format?: string;
  /**
   * Computes the cell instead of reading jsonPath, for the built-in kinds whose server-side printers combine
   * fields (a Pod's READY `1/2`, a Service's PORT(S) `80/TCP`). Custom resources never have one.
   */
  cell?: (object: KubeObject, now: Date) => unknown;
}

export const ageColumn: PrinterColumn = {
  name: 'Age',
  type: 'date',
  jsonPath: '.metadata.creationTimestamp',
  description: 'Time since the object was created.',
};
