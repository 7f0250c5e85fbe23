import { TrailVerificationSchema as SharedTrailVerificationSchema } from '@motcua/common';

/** The answer of the trail's verification (prisma/src/trail.ts), as GET /api/audit/trail/verify gives it: shapes from @motcua/common. */
export const TrailVerificationSchema = SharedTrailVerificationSchema.meta({ id: 'TrailVerification' });
