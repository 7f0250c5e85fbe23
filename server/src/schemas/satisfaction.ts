import {
  RatingReceiptSchema as SharedRatingReceiptSchema,
  RatingRequestSchema as SharedRatingRequestSchema,
  SatisfactionQuerySchema,
  SatisfactionReportSchema as SharedSatisfactionReportSchema,
} from '@motcua/common';

/** Citizens' ratings and their results per agency and officer: shapes from @motcua/common. */
export { SatisfactionQuerySchema };

export const RatingRequestSchema = SharedRatingRequestSchema.extend({
  phoneLastDigits: SharedRatingRequestSchema.shape.phoneLastDigits.describe(
    'the last 4 digits of the phone number given at reception (the second factor)',
  ),
}).meta({ id: 'RatingRequest' });
export const RatingReceiptSchema = SharedRatingReceiptSchema.meta({ id: 'RatingReceipt' });
export const SatisfactionReportSchema = SharedSatisfactionReportSchema.meta({ id: 'SatisfactionReport' });
