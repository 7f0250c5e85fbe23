import { z } from 'zod';
import { DossierCodeSchema } from '@motcua/common';

/** The citizen lookup: a dossier code in, the public status out (PublicDossierSchema). */
export { PublicDossierSchema, type PublicDossier } from '@motcua/common';

export const PublicDossierParamsSchema = z.object({ code: DossierCodeSchema });
