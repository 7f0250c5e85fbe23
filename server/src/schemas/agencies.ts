import { z } from 'zod';
import {
  AgencyCodeParamsSchema as SharedAgencyCodeParamsSchema,
  AgencySchema as SharedAgencySchema,
  ResolvedAgencySchema as SharedResolvedAgencySchema,
} from '@motcua/common';

/** Agencies, their tree and their code history (shapes from @motcua/common). */
export type { Agency, ResolvedAgency } from '@motcua/common';

export const AgencySchema = SharedAgencySchema.extend({
  codes: SharedAgencySchema.shape.codes.describe('every code the agency has had, oldest first'),
}).meta({ id: 'Agency' });

export const AgencyListSchema = z.object({
  data: z.array(AgencySchema).describe('depth-first: each agency follows its parent'),
});

export const ResolvedAgencySchema = SharedResolvedAgencySchema.extend({ agency: AgencySchema }).meta({
  id: 'ResolvedAgency',
});

export const AgencyCodeParamsSchema = SharedAgencyCodeParamsSchema;

export { CreateAgencySchema, UpdateAgencySchema } from '@motcua/common';
