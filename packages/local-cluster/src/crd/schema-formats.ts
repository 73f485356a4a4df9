// String formats the Kubernetes API server checks in CRD schemas. Formats it does not know are not checked
// (the API server ignores them too), so every other format name a schema uses is registered as always valid.
import { isIPv4, isIPv6 } from 'node:net';

const dateTime = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;
const date = /^\d{4}-\d{2}-\d{2}$/;
const uuid = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const base64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const hostname = /^(?=.{1,253}$)[a-zA-Z0-9]([-a-zA-Z0-9]{0,61}[a-zA-Z0-9])?(\.[a-zA-Z0-9]([-a-zA-Z0-9]{0,61}[a-zA-Z0-9])?)*$/;

function isCidr(text: string): boolean {
  const [address, prefix, ...rest] = text.split('/');
  if (address === undefined || prefix === undefined || rest.length > 0 || !/^\d{1,3}$/.test(prefix)) return false;
  const bits = Number(prefix);
  return (isIPv4(address) && bits <= 32) || (isIPv6(address) && bits <= 128);
}

export const checkedStringFormats: Record<string, (text: string) => boolean> = {
  ipv4: isIPv4,
  ipv6: isIPv6,
  cidr: isCidr,
  'date-time': (text) => dateTime.test(text) && !Number.isNaN(Date.parse(text)),
  datetime: (text) => dateTime.test(text) && !Number.isNaN(Date.parse(text)),
  date: (text) => date.test(text),
  uuid: (text) => uuid.test(text),
  byte: (text) => base64.test(text),
  hostname: (text) => hostname.test(text),
};
