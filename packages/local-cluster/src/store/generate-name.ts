// metadata.generateName: the API server appends five random characters to the prefix. The alphabet
// leaves out vowels and look-alike characters, as Kubernetes does, so generated names never spell words.

import { randomInt } from 'node:crypto';

const ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';
const SUFFIX_LENGTH = 5;
/** Names are DNS labels/subdomains: the prefix is cut so prefix + suffix stays within 63 characters. */
const MAX_PREFIX_LENGTH = 63 - SUFFIX_LENGTH;

export function generateName(prefix: string): string {
  let suffix = '';
  for (let i = 0; i < SUFFIX_LENGTH; i++) suffix += ALPHABET[randomInt(ALPHABET.length)];
  return prefix.slice(0, MAX_PREFIX_LENGTH) + suffix;
}
