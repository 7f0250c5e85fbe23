import { z } from 'zod';
import {
  ApologyReportSchema as SharedApologyReportSchema,
  AtRiskListSchema as SharedAtRiskListSchema,
  ControlSheetSchema as SharedControlSheetSchema,
  PeriodQuerySchema,
  RegisterQuerySchema,
  RegisterSchema as SharedRegisterSchema,
} from '@motcua/common';

/** Per-agency reports, the register (Mẫu 06) and the control sheet (Mẫu 05) as data: shapes from @motcua/common. */
export { PeriodQuerySchema, RegisterQuerySchema };

export const ApologyReportSchema = SharedApologyReportSchema.meta({ id: 'ApologyReport' });
export const AtRiskListSchema = SharedAtRiskListSchema.meta({ id: 'AtRiskList' });
export const RegisterSchema = SharedRegisterSchema.meta({ id: 'Register' });
export const ControlSheetSchema = SharedControlSheetSchema.meta({ id: 'ControlSheet' });

/** A PDF document. */
export const PdfSchema = z.any().describe('application/pdf');
