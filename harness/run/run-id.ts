// Run ids sort by time and name a folder: 20261126-053414-a1b2.
import { randomBytes } from 'node:crypto';

export function newRunId(now: Date = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `${stamp}-${randomBytes(2).toString('hex')}`;
}
