import type { Apology } from '@motcua/common';
import type { Identifier } from 'react-admin';

/**
 * Whether the signed-in officer (react-admin's identity id: the username) drafted the apology. A
 * leader does not decide on their own draft: another leader of the agency does (the server refuses
 * it with issue own_apology), so the UI offers the drafter no decision.
 */
export function isOwnApology(apology: Pick<Apology, 'draftedBy'>, username: Identifier | undefined): boolean {
  return username !== undefined && apology.draftedBy.username === String(username);
}
