/**
 * Seed data.
 *
 * Every database gets the official holiday schedules (`OFFICIAL_SCHEDULES` of @motcua/common/calendar):
 * they are public law, not demo data, and the legal clock needs them.
 *
 * The demo seed makes a working one-stop shop out of an empty database: agencies of Quảng Nam's Duy
 * Xuyên district at three levels (province, district, a commune), a partner agency for the
 * construction permit's inter-agency step, a merger example, three real procedures with their legal
 * content, and officers per role, all with the password `demo`. Real agencies, procedures and accounts
 * come from their administrators: no account may exist in production with a password known from this
 * file. A database seeded for the demo and later prepared for production therefore has every demo
 * account that still has the demo password deactivated (see deactivateDemoPasswordAccounts).
 *
 * Seeding only creates what is missing (INSERT … ON CONFLICT DO NOTHING), so running it again, or
 * from two processes at once, changes nothing and never resets what an administrator edited.
 */
import { PROCESS_KEYS, type Fee, type RequiredDocument } from '@motcua/common';
import { OFFICIAL_SCHEDULES } from '@motcua/common/calendar';
import type { Db } from './client.js';
import type { ProcedureLevel, Role } from '#generated/client';
import { hashPassword, verifyPassword } from './passwords.js';
import { insertMissingCalendarDays } from './calendar-days.js';

/** Password of every demo account. Demo databases only. */
export const DEMO_PASSWORD = 'demo';

/** A demo agency. `parent` and `successor` are other keys of DEMO_AGENCIES. */
export interface DemoAgency {
  code: string;
  name: string;
  parent?: string;
  /** Form header (docs/legal.md §1.1): the parent agency's name, the one-stop unit's name, the place of the date line. */
  parentName?: string;
  unitName?: string;
  place?: string;
  /** After a merger: the agency that took over the work, and when the old code stopped being used. */
  successor?: string;
  codeValidUntil?: Date;
  codeLegalRef?: string;
}

/** 01/07/2025 00:00 in Vietnam: the 2025 reorganisation of local government took effect. */
const REORGANISATION_DAY = new Date('2025-06-30T17:00:00Z');

/**
 * The demo agencies. Province and district codes are the Circular 10/2016 (right-to-left) identifiers
 * used since issue 2. The commune, partner and merged-commune codes are DEMO codes made up in the same
 * legacy form, not official identifiers. (To verify: published electronic-exchange data show
 * 000.00.00.H41 as Nghệ An's provincial People's Committee, so even the province code is a demo value.)
 */
export const DEMO_AGENCIES = {
  province: {
    code: '000.00.00.H41',
    name: 'UBND tỉnh Quảng Nam',
    unitName: 'TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG TỈNH',
    place: 'Quảng Nam',
  },
  district: {
    code: '000.00.17.H41',
    name: 'UBND huyện Duy Xuyên',
    parent: 'province',
    parentName: 'UBND TỈNH QUẢNG NAM',
    place: 'Duy Xuyên',
  },
  /** Demo code. Receives birth registrations (commune level). */
  commune: {
    code: '000.25.17.H41',
    name: 'UBND xã Duy Trung',
    parent: 'district',
    parentName: 'UBND HUYỆN DUY XUYÊN',
    place: 'Duy Trung',
  },
  /** Demo code. The partner of the construction permit's inter-agency step (liên thông). */
  partner: {
    code: '000.08.17.H41',
    name: 'Phòng Tài nguyên và Môi trường huyện Duy Xuyên',
    parent: 'district',
    parentName: 'UBND HUYỆN DUY XUYÊN',
    place: 'Duy Xuyên',
  },
  /**
   * Demo merger example (the names are real communes of Duy Xuyên, the merger is illustrative): its
   * code stopped being used on 01/07/2025 and the commune above took over its work. Dossiers coded
   * 000.24.17.H41-… stay readable, and the old code resolves to the successor.
   */
  mergedCommune: {
    code: '000.24.17.H41',
    name: 'UBND xã Duy Sơn',
    parent: 'district',
    parentName: 'UBND HUYỆN DUY XUYÊN',
    place: 'Duy Sơn',
    successor: 'commune',
    codeValidUntil: REORGANISATION_DAY,
    codeLegalRef: 'Ví dụ minh họa (demo): sáp nhập đơn vị hành chính cấp xã từ 01/07/2025',
  },
} as const satisfies Record<string, DemoAgency>;
export type DemoAgencyKey = keyof typeof DEMO_AGENCIES;

/** A demo procedure with the legal content of its first version. */
export interface DemoProcedure {
  /** National procedure code (Cơ sở dữ liệu quốc gia về thủ tục hành chính). */
  code: string;
  agencyCode: string;
  name: string;
  field: string;
  level: ProcedureLevel;
  /** Working days; 0 = the same working day. */
  processingDays: number;
  processKey: string;
  fees: readonly Fee[];
  requiredDocuments: readonly RequiredDocument[];
  legalBasis: string;
  effectiveFrom: Date;
}

/** Midnight at the start of a Vietnamese calendar day (UTC+07:00). */
function vietnamMidnight(date: string): Date {
  return new Date(`${date}T00:00:00+07:00`);
}

/**
 * Three real procedures. Codes, articles and amounts come from the legal texts named in `legalBasis`;
 * what could not be checked against the national procedure database is marked "to verify".
 */
export const DEMO_PROCEDURES = {
  /**
   * Đăng ký khai sinh. National code 1.001193 (to verify). Luật Hộ tịch 2014 Art. 16(2): the
   * certificate is issued right after a complete dossier is received (same day, processingDays 0;
   * after the 15:00 cut-off, the next working day). Art. 11(1)(b): no fee for on-time registration.
   */
  birthRegistration: {
    code: '1.001193',
    agencyCode: DEMO_AGENCIES.commune.code,
    name: 'Đăng ký khai sinh',
    field: 'Hộ tịch',
    level: 'full_online',
    processingDays: 0,
    processKey: PROCESS_KEYS.birthRegistration,
    fees: [
      {
        name: 'Lệ phí đăng ký khai sinh đúng hạn',
        amountVnd: 0,
        note: 'Miễn lệ phí (Luật Hộ tịch 2014, Điều 11 khoản 1 điểm b)',
      },
    ],
    requiredDocuments: [
      { name: 'Tờ khai đăng ký khai sinh (theo mẫu)', originals: 1, copies: 0, mandatory: true },
      {
        name: 'Giấy chứng sinh',
        originals: 1,
        copies: 0,
        mandatory: true,
        note: 'Nếu không có: văn bản của người làm chứng, hoặc giấy cam đoan về việc sinh',
      },
      {
        name: 'Văn bản ủy quyền',
        originals: 1,
        copies: 0,
        mandatory: false,
        note: 'Khi ủy quyền cho người khác đi đăng ký',
      },
    ],
    legalBasis:
      'Luật Hộ tịch 2014, Điều 13, Điều 16 (thời hạn: ngay trong ngày), Điều 11 khoản 1 điểm b (miễn lệ phí); ' +
      'Nghị định 123/2015/NĐ-CP',
    effectiveFrom: vietnamMidnight('2016-01-01'),
  },
  /**
   * Đăng ký thành lập hộ kinh doanh. National code 1.001612 (to verify). Nghị định 01/2021/NĐ-CP
   * Art. 87 (dossier, 3 working days) and Art. 88; to verify after Nghị định 168/2025/NĐ-CP, which
   * replaces it from 01/07/2025. The fee is set by the provincial People's Council's resolution.
   */
  householdBusinessRegistration: {
    code: '1.001612',
    agencyCode: DEMO_AGENCIES.district.code,
    name: 'Đăng ký thành lập hộ kinh doanh',
    field: 'Thành lập và hoạt động của hộ kinh doanh',
    level: 'full_online',
    processingDays: 3,
    processKey: PROCESS_KEYS.householdBusinessRegistration,
    fees: [
      {
        name: 'Lệ phí đăng ký hộ kinh doanh',
        amountVnd: 100_000,
        note: 'Theo nghị quyết của HĐND tỉnh (mức to verify)',
      },
    ],
    requiredDocuments: [
      { name: 'Giấy đề nghị đăng ký hộ kinh doanh', originals: 1, copies: 0, mandatory: true },
      {
        name: 'Giấy tờ pháp lý của cá nhân đối với các thành viên hộ gia đình đăng ký hộ kinh doanh',
        originals: 0,
        copies: 1,
        mandatory: true,
      },
      {
        name: 'Biên bản họp thành viên hộ gia đình về việc thành lập hộ kinh doanh',
        originals: 0,
        copies: 1,
        mandatory: false,
        note: 'Khi các thành viên hộ gia đình đăng ký hộ kinh doanh',
      },
      {
        name: 'Văn bản ủy quyền của thành viên hộ gia đình cho một thành viên làm chủ hộ kinh doanh',
        originals: 0,
        copies: 1,
        mandatory: false,
        note: 'Khi các thành viên hộ gia đình đăng ký hộ kinh doanh',
      },
    ],
    legalBasis:
      'Nghị định 01/2021/NĐ-CP, Điều 87 và Điều 88 (to verify theo Nghị định 168/2025/NĐ-CP); ' +
      'nghị quyết của HĐND tỉnh về lệ phí đăng ký hộ kinh doanh',
    effectiveFrom: vietnamMidnight('2021-01-04'),
  },
  /**
   * Cấp giấy phép xây dựng đối với nhà ở riêng lẻ, 1.009994: 15 working days (Luật Xây dựng 2014 as
   * amended by Luật 62/2020/QH14, Art. 102), dossier per Nghị định 15/2021/NĐ-CP Art. 46; the fee is
   * set by the provincial People's Council's resolution.
   */
  houseConstructionPermit: {
    code: '1.009994',
    agencyCode: DEMO_AGENCIES.district.code,
    name: 'Cấp giấy phép xây dựng đối với nhà ở riêng lẻ',
    field: 'Hoạt động xây dựng',
    level: 'partial_online',
    processingDays: 15,
    processKey: PROCESS_KEYS.houseConstructionPermit,
    fees: [
      {
        name: 'Lệ phí cấp giấy phép xây dựng nhà ở riêng lẻ',
        amountVnd: 75_000,
        note: 'Theo nghị quyết của HĐND tỉnh (mức to verify)',
      },
    ],
    requiredDocuments: [
      {
        name: 'Đơn đề nghị cấp giấy phép xây dựng (Mẫu số 01, Phụ lục II Nghị định 15/2021/NĐ-CP)',
        originals: 1,
        copies: 0,
        mandatory: true,
      },
      {
        name: 'Giấy tờ chứng minh quyền sử dụng đất',
        originals: 0,
        copies: 1,
        mandatory: true,
      },
      {
        name: 'Bản vẽ thiết kế xây dựng (mặt bằng, mặt cắt, mặt đứng, móng, đấu nối hạ tầng)',
        originals: 2,
        copies: 0,
        mandatory: true,
      },
      {
        name: 'Văn bản cam kết bảo đảm an toàn đối với công trình liền kề',
        originals: 1,
        copies: 0,
        mandatory: false,
        note: 'Khi công trình xây chen có tầng hầm',
      },
    ],
    legalBasis:
      'Luật Xây dựng 2014 (sửa đổi bởi Luật 62/2020/QH14), Điều 95 và Điều 102; ' +
      'Nghị định 15/2021/NĐ-CP, Điều 46 (to verify article numbers)',
    effectiveFrom: vietnamMidnight('2021-03-03'),
  },
} as const satisfies Record<string, DemoProcedure>;

/** The construction permit, the demo procedure of issue 2 (kept for existing callers). */
export const DEMO_PROCEDURE = DEMO_PROCEDURES.houseConstructionPermit;

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
  {
    username: 'xa.receptionist',
    fullName: 'Võ Thị Hoa',
    roles: ['receptionist'],
    agencyCode: DEMO_AGENCIES.commune.code,
  },
  { username: 'xa.specialist', fullName: 'Đặng Văn Khoa', roles: ['specialist'], agencyCode: DEMO_AGENCIES.commune.code },
  { username: 'xa.leader', fullName: 'Huỳnh Văn Long', roles: ['leader'], agencyCode: DEMO_AGENCIES.commune.code },
  { username: 'xa.admin', fullName: 'Trương Thị Nga', roles: ['admin'], agencyCode: DEMO_AGENCIES.commune.code },
  {
    username: 'partner.specialist',
    fullName: 'Ngô Thị Mai',
    roles: ['specialist'],
    agencyCode: DEMO_AGENCIES.partner.code,
  },
];

/** Ids of all agencies with one of `codes`, by code. */
async function agencyIds(db: Db, codes: readonly string[]): Promise<Map<string, string>> {
  const agencies = await db.agency.findMany({ where: { code: { in: [...codes] } } });
  return new Map(agencies.map((agency) => [agency.code, agency.id]));
}

export interface SeedResult {
  /** What this run created, e.g. "agency 000.00.17.H41", "account leader"; empty on a second run. */
  created: string[];
  /** Demo accounts a production seed deactivated because they still had the demo password, e.g. "account admin". */
  deactivated: string[];
}

/**
 * Deactivates each demo account that still has the demo password, which anyone can read in the README
 * (deactivation also revokes its tokens: the database raises its token version). An account whose
 * password an administrator changed stays as it is. Only the demo usernames are checked: checking a
 * password costs a deliberately slow hash per account.
 */
async function deactivateDemoPasswordAccounts(db: Db): Promise<string[]> {
  const accounts = await db.account.findMany({
    where: { username: { in: DEMO_ACCOUNTS.map((account) => account.username) }, active: true },
    select: { id: true, username: true, passwordHash: true },
  });
  const deactivated: string[] = [];
  for (const account of accounts) {
    if (!(await verifyPassword(DEMO_PASSWORD, account.passwordHash))) continue;
    const changed = await db.$transaction(async (tx) => {
      // only the hash just checked: a password changed meanwhile is not the demo one
      const { count } = await tx.account.updateMany({
        where: { id: account.id, passwordHash: account.passwordHash, active: true },
        data: { active: false },
      });
      if (count > 0) {
        await tx.auditLog.create({
          data: {
            actor: 'seed',
            action: 'account.deactivate',
            entity: 'account',
            entityId: account.username,
            data: { reason: 'demo password in a production database' },
          },
        });
      }
      return count > 0;
    });
    if (changed) deactivated.push(`account ${account.username}`);
  }
  return deactivated;
}

/** The official holiday schedules, in every database. */
async function seedCalendar(db: Db, created: string[]): Promise<void> {
  const count = await insertMissingCalendarDays(db, OFFICIAL_SCHEDULES, 'seed');
  if (count > 0) created.push(`calendar ${count} days`);
}

async function seedAgencies(db: Db, created: string[]): Promise<Map<string, string>> {
  const byKey: Readonly<Record<string, DemoAgency>> = DEMO_AGENCIES;
  const entries = Object.values(byKey);
  const allCodes = entries.map((agency) => agency.code);
  // Parents before children: the order of DEMO_AGENCIES.
  for (const agency of entries) {
    const ids = await agencyIds(db, allCodes);
    const result = await db.agency.createMany({
      data: [
        {
          code: agency.code,
          name: agency.name,
          parentId: agency.parent ? ids.get(byKey[agency.parent]!.code) : undefined,
          parentName: agency.parentName,
          unitName: agency.unitName,
          place: agency.place,
        },
      ],
      skipDuplicates: true,
    });
    if (result.count > 0) created.push(`agency ${agency.code}`);
    // Agencies seeded by issue 2 lack the form header: fill it where nobody has set it yet.
    await db.agency.updateMany({
      where: { code: agency.code, parentName: null, place: null },
      data: { parentName: agency.parentName, place: agency.place, ...(agency.unitName && { unitName: agency.unitName }) },
    });
  }
  const ids = await agencyIds(db, allCodes);
  // The merger: the successor takes over, and the old code's history row closes (the database trigger
  // opened it when the agency was inserted).
  for (const agency of entries) {
    if (!agency.successor) continue;
    await db.agency.updateMany({
      where: { code: agency.code, successorId: null },
      data: { successorId: ids.get(byKey[agency.successor]!.code) },
    });
    await db.agencyCode.updateMany({
      where: { code: agency.code, validUntil: null },
      data: { validUntil: agency.codeValidUntil, legalRef: agency.codeLegalRef },
    });
  }
  return ids;
}

/**
 * A procedure and its seed version. A database migrated from before versioning has a version 1
 * written by the migration without fees or documents: the seed version then comes after it, effective
 * no earlier than it, so it is the one that applies.
 */
async function seedProcedure(db: Db, procedure: DemoProcedure, agencyId: string, created: string[]): Promise<void> {
  const result = await db.procedure.createMany({
    data: [{ code: procedure.code, agencyId }],
    skipDuplicates: true,
  });
  if (result.count > 0) created.push(`procedure ${procedure.code}`);
  const row = await db.procedure.findUniqueOrThrow({
    where: { code: procedure.code },
    include: { versions: { orderBy: { version: 'desc' } } },
  });
  if (row.versions.some((version) => version.createdBy === 'seed')) return;
  const latest = row.versions[0];
  const effectiveFrom =
    latest && latest.effectiveFrom > procedure.effectiveFrom ? latest.effectiveFrom : procedure.effectiveFrom;
  const version = (latest?.version ?? 0) + 1;
  const inserted = await db.procedureVersion.createMany({
    data: [
      {
        procedureId: row.id,
        version,
        name: procedure.name,
        field: procedure.field,
        level: procedure.level,
        processingDays: procedure.processingDays,
        fees: procedure.fees.map((fee) => ({ ...fee })),
        requiredDocuments: procedure.requiredDocuments.map((document) => ({ ...document })),
        legalBasis: procedure.legalBasis,
        processKey: procedure.processKey,
        effectiveFrom,
        createdBy: 'seed',
      },
    ],
    skipDuplicates: true,
  });
  if (inserted.count > 0) created.push(`procedure ${procedure.code} version ${version}`);
}

/**
 * Registers the agency of the procedure that runs a shipped process as the owner of its key, so
 * only admins of that agency or above it may deploy new versions (see ProcessOwner).
 */
async function seedProcessOwner(db: Db, processKey: string, agencyId: string, created: string[]): Promise<void> {
  const result = await db.processOwner.createMany({
    data: [{ processKey, agencyId, createdBy: 'seed' }],
    skipDuplicates: true,
  });
  if (result.count > 0) created.push(`process owner ${processKey}`);
}

/**
 * Seeds `db`: the official holiday schedules always, the demo data when `demo` is true, and without
 * it deactivates the demo accounts that still have the demo password (see the module comment).
 */
export async function seed(db: Db, options: { demo: boolean }): Promise<SeedResult> {
  const created: string[] = [];
  await seedCalendar(db, created);
  if (!options.demo) return { created, deactivated: await deactivateDemoPasswordAccounts(db) };

  const idOf = await seedAgencies(db, created);
  for (const procedure of Object.values(DEMO_PROCEDURES)) {
    await seedProcedure(db, procedure, idOf.get(procedure.agencyCode)!, created);
    await seedProcessOwner(db, procedure.processKey, idOf.get(procedure.agencyCode)!, created);
  }

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
  return { created, deactivated: [] };
}
