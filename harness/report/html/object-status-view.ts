// An object's status as read when a step failed: its conditions as tables (per route parent, per listener),
// where False and Unknown stand out, and the whole status as YAML beneath for what the tables leave out.
//
//   renderObservedObject(object): string
import { stringify } from 'yaml';
import type { ObservedObject } from '../run-result.ts';
import { escapeHtml } from './html-escape.ts';

interface ConditionGroup {
  label: string;
  conditions: Record<string, unknown>[];
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** How an entry of a status list names itself: a route parent by its parentRef, a listener by its name. */
function entryLabel(key: string, entry: Record<string, unknown>, index: number): string {
  const ref = entry.parentRef;
  if (isRecord(ref)) return `parent ${ref.namespace ? `${String(ref.namespace)}/` : ''}${String(ref.name)}${ref.sectionName ? `/${String(ref.sectionName)}` : ''}`;
  const singular = key.endsWith('s') ? key.slice(0, -1) : key;
  const extra = typeof entry.attachedRoutes === 'number' ? ` (attachedRoutes ${entry.attachedRoutes})` : '';
  return `${singular} ${typeof entry.name === 'string' ? entry.name : `#${index}`}${extra}`;
}

/** Every `conditions` list in the status, labelled by where it sits. */
export function conditionGroups(status: unknown, label = 'status'): ConditionGroup[] {
  if (!isRecord(status)) return [];
  const groups: ConditionGroup[] = [];
  if (Array.isArray(status.conditions)) groups.push({ label, conditions: status.conditions.filter(isRecord) });
  for (const [key, value] of Object.entries(status)) {
    if (key === 'conditions' || !Array.isArray(value)) continue;
    value.forEach((entry, index) => {
      if (isRecord(entry)) groups.push(...conditionGroups(entry, entryLabel(key, entry, index)));
    });
  }
  return groups;
}

function conditionTable(group: ConditionGroup): string {
  const rows = group.conditions.map((condition) => {
    const status = String(condition.status ?? '');
    const generation = condition.observedGeneration === undefined ? '' : String(condition.observedGeneration);
    return `<tr><td>${escapeHtml(String(condition.type ?? ''))}</td><td class="status-${escapeHtml(status)}">${escapeHtml(status)}</td><td>${escapeHtml(String(condition.reason ?? ''))}</td><td>${escapeHtml(String(condition.message ?? ''))}</td><td class="num">${escapeHtml(generation)}</td></tr>`;
  });
  return `<div class="note">${escapeHtml(group.label)}</div><table class="conditions"><thead><tr><th>type</th><th>status</th><th>reason</th><th>message</th><th class="num">gen</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function metaOf(object: ObservedObject): string {
  if (object.readError !== undefined) return `could not be read: ${object.readError}`;
  if (!object.found) return 'did not exist';
  return [object.generation === undefined ? '' : `generation ${object.generation}`, object.status === undefined ? 'no status' : ''].filter(Boolean).join(' · ');
}

export function renderObservedObject(object: ObservedObject): string {
  const name = `${object.kind} ${object.namespace ? `${object.namespace}/` : ''}${object.name}`;
  const groups = conditionGroups(object.status);
  const yaml = object.status === undefined ? '' : `<details><summary>status as YAML</summary><pre>${escapeHtml(stringify(object.status, { lineWidth: 0 }))}</pre></details>`;
  return [
    '<div class="object">',
    `<div><span class="title">${escapeHtml(name)}</span> <span class="meta">${escapeHtml(metaOf(object))} · read ${escapeHtml(object.observedAt)}</span></div>`,
    ...groups.map(conditionTable),
    yaml,
    '</div>',
  ].join('\n');
}
