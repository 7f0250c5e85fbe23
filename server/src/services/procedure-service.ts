import type { TokenPayload } from '../schemas/auth.js';
import type { Procedure } from '../schemas/procedures.js';
import type { AgencyRepository } from '../repositories/agency-repository.js';
import type { ProcedureRepository } from '../repositories/procedure-repository.js';

/** The procedure catalogue as an officer sees it: the procedures handled in their agency subtree. */
export function createProcedureService(deps: { agencies: AgencyRepository; procedures: ProcedureRepository }) {
  const { agencies, procedures } = deps;
  return {
    async list(caller: TokenPayload): Promise<Procedure[]> {
      return procedures.listActive(await agencies.subtreeIds(caller.agencyCode));
    },
  };
}
export type ProcedureService = ReturnType<typeof createProcedureService>;
