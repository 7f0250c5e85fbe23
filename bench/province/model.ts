/**
 * The province the benchmark seeds: the demo seed's Quảng Nam (province, the district of Duy Xuyên,
 * the commune of Duy Trung) grown to 18 districts of 12 communes each, every district with the two
 * district procedures and every commune with birth registration, and how a province's dossiers fall
 * on them. Everything here is deterministic: the same seed number gives the same province, dossiers
 * and applicants.
 */
import { DEMO_AGENCIES, DEMO_PROCEDURES, type DemoProcedure } from '@motcua/db';

export const DISTRICTS = 18;
export const COMMUNES_PER_DISTRICT = 12;

/** One agency of the benchmark's province, and the procedures it resolves. */
export interface BenchAgency {
  code: string;
  name: string;
  /** Code of the parent agency (the province for a district, the district for a commune). */
  parentCode: string;
  level: 'district' | 'commune';
  /** Whether the demo seed already has it. */
  demo: boolean;
  /** Its share of the province's dossiers (all agencies add up to 1). */
  weight: number;
  procedures: BenchProcedure[];
}

/** A procedure as one agency resolves it: the demo procedure's legal content under the agency's own code. */
export interface BenchProcedure {
  code: string;
  template: DemoProcedure;
  /** Its share of the agency's dossiers. */
  share: number;
}

/**
 * A procedure code is unique in the catalogue (Procedure.code), so the same national procedure at
 * 216 communes is 216 procedures: the demo agencies keep the national code, the others get
 * `<national code>-<district><commune>`.
 */
function procedureCode(national: string, demo: boolean, suffix: string): string {
  return demo ? national : `${national}-${suffix}`;
}

const pad = (value: number) => String(value).padStart(2, '0');

/** sfc32, a small seeded generator of numbers in [0, 1): the same seed makes the same province. */
export function randomFrom(seed: number): () => number {
  let a = 0x9e3779b9;
  let b = 0x243f6a88;
  let c = 0xb7e15162;
  let d = seed >>> 0;
  const next = () => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t / 4_294_967_296;
  };
  for (let i = 0; i < 12; i += 1) next();
  return next;
}

/**
 * The agencies: district i (0 = Duy Xuyên, the demo district, the busiest) weighs 1/(i+1)^0.7, so
 * the busiest district receives about a fifth of the province's dossiers, as a provincial capital's
 * district does; within a district, its own procedures take 45 % and its communes share the rest
 * unevenly (weights 0.5–1.5).
 */
export function provinceAgencies(seed = 20261206): BenchAgency[] {
  const random = randomFrom(seed);
  const districtCodes = [17, ...Array.from({ length: 19 }, (_, i) => i + 1).filter((n) => n !== 17 && n !== 19)].slice(
    0,
    DISTRICTS,
  );
  const districtWeights = districtCodes.map((_, i) => 1 / (i + 1) ** 0.7);
  const totalWeight = districtWeights.reduce((a, b) => a + b, 0);
  const agencies: BenchAgency[] = [];
  districtCodes.forEach((districtNumber, i) => {
    const demo = districtNumber === 17;
    const districtCode = demo ? DEMO_AGENCIES.district.code : `000.00.${pad(districtNumber)}.H41`;
    const districtWeight = districtWeights[i]! / totalWeight;
    agencies.push({
      code: districtCode,
      name: demo ? DEMO_AGENCIES.district.name : `UBND huyện Bench ${pad(districtNumber)}`,
      parentCode: DEMO_AGENCIES.province.code,
      level: 'district',
      demo,
      weight: districtWeight * 0.45,
      procedures: [
        {
          code: procedureCode(DEMO_PROCEDURES.householdBusinessRegistration.code, demo, pad(districtNumber)),
          template: DEMO_PROCEDURES.householdBusinessRegistration,
          share: 2 / 3,
        },
        {
          code: procedureCode(DEMO_PROCEDURES.houseConstructionPermit.code, demo, pad(districtNumber)),
          template: DEMO_PROCEDURES.houseConstructionPermit,
          share: 1 / 3,
        },
      ],
    });
    const communeWeights = Array.from({ length: COMMUNES_PER_DISTRICT }, () => 0.5 + random());
    const communeTotal = communeWeights.reduce((a, b) => a + b, 0);
    communeWeights.forEach((weight, j) => {
      // Duy Trung (the demo commune, code 25) is Duy Xuyên's first commune; 24 and 08 are the demo's merged commune and partner
      const communeDemo = demo && j === 0;
      const communeNumber = communeDemo ? 25 : 30 + j;
      const code = communeDemo ? DEMO_AGENCIES.commune.code : `000.${pad(communeNumber)}.${pad(districtNumber)}.H41`;
      agencies.push({
        code,
        name: communeDemo ? DEMO_AGENCIES.commune.name : `UBND xã Bench ${pad(districtNumber)}.${pad(communeNumber)}`,
        parentCode: districtCode,
        level: 'commune',
        demo: communeDemo,
        weight: districtWeight * 0.55 * (weight / communeTotal),
        procedures: [
          {
            code: procedureCode(DEMO_PROCEDURES.birthRegistration.code, communeDemo, `${pad(districtNumber)}${pad(communeNumber)}`),
            template: DEMO_PROCEDURES.birthRegistration,
            share: 1,
          },
        ],
      });
    });
  });
  return agencies;
}

/** How many of `total` each weight gets, the rounding spread so the counts add up to `total`. */
export function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((weight) => (total * weight) / sum);
  const counts = exact.map(Math.floor);
  let left = total - counts.reduce((a, b) => a + b, 0);
  const byRemainder = exact.map((value, i) => ({ i, rest: value - Math.floor(value) })).sort((a, b) => b.rest - a.rest);
  for (const { i } of byRemainder) {
    if (left-- <= 0) break;
    counts[i]! += 1;
  }
  return counts;
}

const FAMILY_NAMES = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý'];
const MIDDLE_NAMES = ['Văn', 'Thị', 'Hữu', 'Đức', 'Minh', 'Ngọc', 'Thanh', 'Quang', 'Xuân', 'Thu'];
const GIVEN_NAMES = ['An', 'Bình', 'Cường', 'Dung', 'Đức', 'Giang', 'Hà', 'Hải', 'Hoa', 'Hùng', 'Khoa', 'Lan', 'Long', 'Mai', 'Nam', 'Nga', 'Phúc', 'Quân', 'Sơn', 'Tâm', 'Thảo', 'Trung', 'Tuấn', 'Vân', 'Yến'];
const HAMLETS = ['Thôn 1', 'Thôn 2', 'Thôn 3', 'Thôn Phú Nham', 'Thôn Mỹ Hòa', 'Thôn Trà Kiệu', 'Tổ 4', 'Tổ 7'];

export interface BenchApplicant {
  fullName: string;
  idNumber: string;
  phone: string;
  address: string;
  email?: string;
}

/** A made-up applicant: a Vietnamese name, a 12-digit identity number, a mobile number, an e-mail for 30 %. */
export function applicant(random: () => number, place: string): BenchApplicant {
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const digits = (count: number) => Array.from({ length: count }, () => Math.floor(random() * 10)).join('');
  const idNumber = `0${digits(11)}`;
  return {
    fullName: `${pick(FAMILY_NAMES)} ${pick(MIDDLE_NAMES)} ${pick(GIVEN_NAMES)}`,
    idNumber,
    phone: `09${digits(8)}`,
    address: `${pick(HAMLETS)}, ${place}`,
    ...(random() < 0.3 ? { email: `cd${idNumber}@example.vn` } : {}),
  };
}
