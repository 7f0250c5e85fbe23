import type { Role } from '@motcua/common';
import { hashPassword, type Db } from '@motcua/db';

/**
 * Officers and agencies beyond the demo data, created directly in the test database. Each is
 * created once per test run (the database is shared by the test files), with the password `demo`.
 */
export const PROVINCE_CODE = '000.00.00.H41';
/** A second district of the province, beside the demo district Duy Xuyên. */
export const OTHER_DISTRICT = { code: '000.00.18.H41', name: 'UBND huyện Đại Lộc' } as const;

export async function ensureOtherDistrict(db: Db): Promise<void> {
  await db.agency.upsert({
    where: { code: OTHER_DISTRICT.code },
    update: {},
    create: { ...OTHER_DISTRICT, parent: { connect: { code: PROVINCE_CODE } } },
  });
}

export async function ensureAccount(
  db: Db,
  account: { username: string; fullName: string; roles: Role[]; agencyCode: string },
): Promise<void> {
  await db.account.upsert({
    where: { username: account.username },
    update: { active: true },
    create: {
      username: account.username,
      passwordHash: await hashPassword('demo'),
      fullName: account.fullName,
      roles: account.roles,
      agency: { connect: { code: account.agencyCode } },
    },
  });
}

/** A receptionist of the province, above the demo district: without an oversight role, they see none of its dossiers. */
export const PROVINCE_RECEPTIONIST = 'province.receptionist';

export async function ensureProvinceReceptionist(db: Db): Promise<void> {
  await ensureAccount(db, {
    username: PROVINCE_RECEPTIONIST,
    fullName: 'Hồ Thị Lan',
    roles: ['receptionist'],
    agencyCode: PROVINCE_CODE,
  });
}
