import { diff } from 'bpmn-js-differ';

/**
 * What changed between two versions of a diagram, by element id, from bpmn-js-differ: the kind of
 * change decides the colour the comparison marks an element with.
 */
export const CHANGE_KINDS = ['added', 'removed', 'changed', 'layout'] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

export interface ElementChange {
  id: string;
  kind: ChangeKind;
  /** The element's name (or its type) on the side it exists on. */
  label: string;
  /** For a changed element, the attributes that changed. */
  attributes: string[];
}

interface ModdleElement {
  $type?: string;
  name?: string;
}

function labelOf(element: unknown, id: string): string {
  const moddle = element as ModdleElement | undefined;
  return moddle?.name || moddle?.$type?.replace(/^bpmn:/, '') || id;
}

/** The changes from the older definitions to the newer, one per element; a changed element also moved counts as changed. */
export function diagramChanges(older: unknown, newer: unknown): ElementChange[] {
  const result = diff(older, newer);
  const changes: ElementChange[] = [];
  const seen = new Set<string>();
  const add = (id: string, kind: ChangeKind, element: unknown, attributes: string[] = []) => {
    if (seen.has(id)) return;
    seen.add(id);
    changes.push({ id, kind, label: labelOf(element, id), attributes });
  };
  for (const [id, element] of Object.entries(result._added)) add(id, 'added', element);
  for (const [id, element] of Object.entries(result._removed)) add(id, 'removed', element);
  for (const [id, change] of Object.entries(result._changed))
    add(id, 'changed', change.model, Object.keys(change.attrs));
  for (const [id, element] of Object.entries(result._layoutChanged)) add(id, 'layout', element);
  return changes;
}

/** How many changes of each kind. */
export function countChanges(changes: readonly ElementChange[]): Record<ChangeKind, number> {
  const counts = { added: 0, removed: 0, changed: 0, layout: 0 };
  for (const change of changes) counts[change.kind] += 1;
  return counts;
}
