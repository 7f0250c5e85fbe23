import { z } from 'zod';
import {
  ApologyReportSchema as SharedApologyReportSchema,
  AtRiskListSchema as SharedAtRiskListSchema,
  ControlSheetSchema as SharedControlSheetSchema,
  PeriodQuerySchema,
  RegisterQuerySchema,
  RegisterSchema as SharedRegisterSchema,
  StatisticsSchema as SharedStatisticsSchema,
  StatisticsDossierPageSchema as SharedStatisticsDossierPageSchema,
  Index766Schema as SharedIndex766Schema,
  StatisticsQuerySchema,
  StatisticsDossiersQuerySchema,
  Index766QuerySchema,
  DashboardQuerySchema,
  DashboardSchema as SharedDashboardSchema,
} from '@motcua/common';

/** Per-agency reports, the register (Mẫu 06) and the control sheet (Mẫu 05) as data: shapes from @motcua/common. */
export {
  PeriodQuerySchema,
  RegisterQuerySchema,
  StatisticsQuerySchema,
  StatisticsDossiersQuerySchema,
  Index766QuerySchema,
  DashboardQuerySchema,
};

export const ApologyReportSchema = SharedApologyReportSchema.meta({ id: 'ApologyReport' });
export const AtRiskListSchema = SharedAtRiskListSchema.meta({ id: 'AtRiskList' });
export const RegisterSchema = SharedRegisterSchema.meta({ id: 'Register' });
export const StatisticsSchema = SharedStatisticsSchema.meta({ id: 'Statistics' });
export const StatisticsDossierPageSchema = SharedStatisticsDossierPageSchema.meta({ id: 'StatisticsDossierPage' });
export const Index766Schema = SharedIndex766Schema.meta({ id: 'Index766' });
export const DashboardSchema = SharedDashboardSchema.meta({ id: 'Dashboard' });
export const ControlSheetSchema = SharedControlSheetSchema.meta({ id: 'ControlSheet' });

/** An Excel workbook (.xlsx). */
export const XlsxSchema = z.any().describe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');

/** A PDF document. */
export const PdfSchema = z.any().describe('application/pdf');
