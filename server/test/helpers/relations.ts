import type { FastifyInstance } from 'fastify';
import { DEMO_AGENCIES } from '@motcua/db';
import { ensureAccount, ensureOtherDistrict, OTHER_DISTRICT, PROVINCE_CODE } from './accounts.js';
import { DISTRICT_CODE } from './requests.js';

/**
 * The four ways an officer's agency stands to the demo district (Duy Xuyên), for tests derived from
 * roles × relations: the district itself, the province above it, the commune below it and another
 * district. The admin unit manages what belongs to its own agency and those below it, so of these
 * only the district's and the province's admins manage the district's accounts and agencies.
 */
export const RELATIONS = ['own', 'parent', 'child', 'unrelated'] as const;
export type Relation = (typeof RELATIONS)[number];

export const AGENCY_OF: Readonly<Record<Relation, string>> = {
  own: DISTRICT_CODE,
  parent: PROVINCE_CODE,
  child: DEMO_AGENCIES.commune.code,
  unrelated: OTHER_DISTRICT.code,
};

/** The relations whose admins manage what belongs to the district. */
export const MANAGES_THE_DISTRICT: readonly Relation[] = ['own', 'parent'];

/** An admin in each relation, `<prefix>.<relation>.admin` (password `demo`); returns the username per relation. */
export async function ensureAdminsByRelation(app: FastifyInstance, prefix: string): Promise<(relation: Relation) => string> {
  await ensureOtherDistrict(app.db);
  const usernameOf = (relation: Relation) => `${prefix}.${relation}.admin`;
  for (const relation of RELATIONS) {
    await ensureAccount(app.db, {
      username: usernameOf(relation),
      fullName: 'Trần Quản Trị',
      roles: ['admin'],
      agencyCode: AGENCY_OF[relation],
    });
  }
  return usernameOf;
}
