import { z } from 'zod';
import { DossierCodeSchema, PublicDossierSchema as SharedPublicDossierSchema } from '@motcua/common';

/** The citizen lookup: a dossier code in, the public status out, without personal data. */
export { type PublicDossier } from '@motcua/common';

export const PublicDossierSchema = SharedPublicDossierSchema.extend({
  statusLabel: SharedPublicDossierSchema.shape.statusLabel.describe('the status in Vietnamese, as printed'),
  dueAt: SharedPublicDossierSchema.shape.dueAt.describe('the appointment (ngày hẹn trả kết quả), ISO 8601'),
}).meta({ id: 'PublicDossier' });

export const PublicDossierParamsSchema = z.object({ code: DossierCodeSchema });
