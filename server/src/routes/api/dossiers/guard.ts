import type { DossierAction } from '@motcua/domain';
import { DossierCodeParamsSchema } from '../../../schemas/dossiers.js';
import { pathGuard } from '../guard.js';

/**
 * The guard of a route that does `action` to the dossier its path names: the dossier service's
 * authorize (the domain's access rule) decides before the body is read, and the handler gets the
 * dossier it loaded.
 */
export function dossierGuard(action: DossierAction) {
  return pathGuard(DossierCodeParamsSchema, (request, { code }) =>
    request.server.dossiers.authorize(request.user, code, action),
  );
}
