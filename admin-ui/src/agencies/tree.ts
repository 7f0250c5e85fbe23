import type { Agency } from '@motcua/common';

/**
 * The agencies an admin manages: their own and every one below it, in the order of the list (a
 * parent before its children). The server decides the same (an agency outside answers 404 or 400);
 * the forms offer only these so that an admin is never shown a choice the server refuses.
 */
export function subtreeOf<T extends Pick<Agency, 'code' | 'parentCode'>>(agencies: readonly T[], rootCode: string): T[] {
  const inside = new Set([rootCode]);
  // the list is depth-first, so one pass sees each parent before its children
  return agencies.filter((agency) => {
    if (agency.code === rootCode) return true;
    if (agency.parentCode !== null && inside.has(agency.parentCode)) {
      inside.add(agency.code);
      return true;
    }
    return false;
  });
}

/** A choice of a select input: the agency indented by its depth below the first one offered. */
export function agencyChoices(agencies: readonly Agency[]): { id: string; name: string }[] {
  const top = Math.min(...agencies.map((agency) => agency.depth));
  return agencies.map((agency) => ({
    id: agency.code,
    name: `${'— '.repeat(agency.depth - top)}${agency.name} (${agency.code})`,
  }));
}
