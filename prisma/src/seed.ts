/**
 * Seed data. The demo seed makes a working one-stop shop out of an empty database: the two agencies
 * of Quảng Nam's Duy Xuyên district, the house-construction-permit procedure and one officer per
 * role, all with the password `demo`. The production seed adds nothing: real agencies and accounts
 * come from their administrators, and no account may exist with a password known from this file.
 *
 * Seeding only creates what is missing (INSERT … ON CONFLICT DO NOTHING), so running it again, or
 * from two processes at once, changes nothing and never resets what an administrator edited.
 */
import { PROCESS_KEYS } from '@motcua/common';
import type { Db } from './client.js';
import type { Role } from '../generated/client/client.js';
import { hashPassword } from './passwords.js';

/** Password of every demo account. Demo databases only. */
export const DEMO_PASSWORD = 'demo';

export const DEMO_AGENCIES = {
  province: { code: '000.00.00.H41', name: 'UBND tỉnh Quảng Nam' },
  district: { code: '000.00.17.H41', name: 'UBND huyện Duy Xuyên' },
} as const;

export const DEMO_PROCEDURE = {
  code: '1.009994',
  name: 'Cấp giấy phép xây dựng đối với nhà ở riêng lẻ',
  agencyCode: DEMO_AGENCIES.district.code,
  processingDays: 15,
  processKey: PROCESS_KEYS.houseConstructionPermit,
} as const;

export const DEMO_ACCOUNTS: readonly { username: string; fullName: string; roles: Role[]; agencyCode: string }[] = [
  { username: 'admin', fullName: 'Nguyễn Văn An', roles: ['admin'], agencyCode: DEMO_AGENCIES.province.code },
  {
    username: 'receptionist',
    fullName: 'Trần Thị Bình',
    roles: ['receptionist'],
    agencyCode: DEMO_AGENCIES.district.code,
  },
  { username: 'specialist', fullName: 'Lê Văn Cường', roles: ['specialist'], agencyCode: DEMO_AGENCIES.district.code },
  { username: 'leader', fullName: 'Phạm Thị Dung', roles: ['leader'], agencyCode: DEMO_AGENCIES.district.code },
  { username: 'auditor', fullName: 'Hoàng Minh Đức', roles: ['auditor'], agencyCode: DEMO_AGENCIES.district.code },
];

/** Ids of the demo agencies, by code. */
async function agencyIds(db: Db): Promise<Map<string, string>> {
  const codes = [DEMO_AGENCIES.province.code, DEMO_AGENCIES.district.code];
  const agencies = await db.agency.findMany({ where: { code: { in: codes } } });
  return new Map(agencies.map((agency) => [agency.code, agency.id]));
}

export interface SeedResult {
  /** What this run created, e.g. "agency 000.00.17.H41", "account leader"; empty on a second run. */
  created: string[];
}

/** Seeds `db`: demo data when `demo` is true, nothing otherwise (see the module comment). */
export async function seed(db: Db, options: { demo: boolean }): Promise<SeedResult> {
  const created: string[] = [];
  if (!options.demo) return { created };

  // The province first: the district row refers to it.
  for (const agency of [DEMO_AGENCIES.province, DEMO_AGENCIES.district]) {
    const parentId =
      agency === DEMO_AGENCIES.district ? (await agencyIds(db)).get(DEMO_AGENCIES.province.code) : undefined;
    const result = await db.agency.createMany({
      data: [{ code: agency.code, name: agency.name, parentId }],
      skipDuplicates: true,
    });
    if (result.count > 0) created.push(`agency ${agency.code}`);
  }
  const idOf = await agencyIds(db);

  const procedure = await db.procedure.createMany({
    data: [
      {
        code: DEMO_PROCEDURE.code,
        name: DEMO_PROCEDURE.name,
        agencyId: idOf.get(DEMO_PROCEDURE.agencyCode)!,
        processingDays: DEMO_PROCEDURE.processingDays,
        processKey: DEMO_PROCEDURE.processKey,
      },
    ],
    skipDuplicates: true,
  });
  if (procedure.count > 0) created.push(`procedure ${DEMO_PROCEDURE.code}`);

  const existing = new Set(
    (await db.account.findMany({ where: { username: { in: DEMO_ACCOUNTS.map((a) => a.username) } } })).map(
      (account) => account.username,
    ),
  );
  for (const account of DEMO_ACCOUNTS.filter((a) => !existing.has(a.username))) {
    const result = await db.account.createMany({
      data: [
        {
          username: account.username,
          fullName: account.fullName,
          roles: account.roles,
          agencyId: idOf.get(account.agencyCode)!,
          passwordHash: await hashPassword(DEMO_PASSWORD),
        },
      ],
      skipDuplicates: true,
    });
    if (result.count > 0) created.push(`account ${account.username}`);
  }
  return { created };
}
