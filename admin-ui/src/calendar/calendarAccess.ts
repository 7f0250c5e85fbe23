import type { Agency } from '@motcua/common';

/**
 * Whether the agency of this code is a root agency (one without a parent: the province). The
 * holiday calendar is one for the whole province, so the server lets only the admins of a root
 * agency change it (the calendar routes' guard); the UI asks the same of the agency tree.
 */
export function isRootAgency(agencies: readonly Pick<Agency, 'code' | 'parentCode'>[], code: string): boolean {
  const agency = agencies.find((candidate) => candidate.code === code);
  return agency !== undefined && agency.parentCode === null;
}
