import type { FigureCounts, Index766, Index766Query, Indicator } from '@motcua/common';
import type { Db } from '@motcua/db';
import type { AgencyRepository } from '../repositories/agency-repository.js';
import type { TokenPayload } from '../schemas/auth.js';
import { periodBounds } from './register-service.js';
import { satisfactionOfAgencies } from './satisfaction-service.js';
import { onTimeRate, type StatisticsService } from './statistics-service.js';

/**
 * The service index of Decision 766/QĐ-TTg (docs/legal.md §5.2), live, per agency: the selected
 * agency's subtree as a whole, then each agency directly below it. Every indicator of the five groups
 * is listed with its formula and source. The system computes those its own data give (group 2, from
 * the statistics' figures, so the index and the report agree; and, for reference, the share of
 * citizens' ratings that are satisfied, from the satisfaction module); every other one is marked
 * `needs_outside_data`, with what it needs, and carries no value and no points: it is never guessed.
 */

const SOURCE = 'Quyết định 766/QĐ-TTg (23/06/2022); mô tả công thức của Cổng DVC quốc gia (docs/legal.md §5.2)';

/** What the computed indicators read for one agency's subtree. */
interface Inputs {
  counts: FigureCounts;
  averageDays: number | null;
  /** Citizens' ratings given in the period (docs/legal.md §7), and how many said satisfied or very satisfied. */
  ratings: { total: number; satisfied: number };
}

interface Definition {
  id: string;
  group: string;
  name: string;
  formula: string;
  /** Null where the sources give only a group's points (3.1–3.3 share 12). */
  maxPoints: number | null;
  targetPercent: number | null;
  /** Absent: needs data the system does not hold (said in `missing`). */
  compute?: (input: Inputs) => {
    numerator: number | null;
    denominator: number | null;
    value: number | null;
    unit: string;
  };
  missing?: string;
}

const G1 = '1. Công khai, minh bạch';
const G2 = '2. Tiến độ giải quyết';
const G3 = '3. Dịch vụ trực tuyến';
const G4 = '4. Số hóa hồ sơ';
const G5 = '5. Mức độ hài lòng';

const CATALOGUE_PUBLICATION = 'ngày công bố, công khai TTHC trên Cơ sở dữ liệu quốc gia (hệ thống không lưu)';
const PORTAL = 'số liệu đồng bộ của Cổng Dịch vụ công quốc gia';
const ONLINE_SERVICE = 'mức độ cung cấp dịch vụ công trực tuyến của từng TTHC (danh mục không lưu)';
const PAYMENT = 'dữ liệu thanh toán trực tuyến (hệ thống chưa tích hợp thanh toán)';
const DIGITISATION = 'dữ liệu số hóa hồ sơ, kết quả điện tử, kho dữ liệu cá nhân, CSDL dân cư (hệ thống không lưu)';
const FEEDBACK = 'phản ánh, kiến nghị (PAKN) và đánh giá của người dân từ Cổng DVC quốc gia';

export const INDICATORS: readonly Definition[] = [
  {
    id: '1.1',
    group: G1,
    name: 'TTHC công bố đúng hạn',
    formula: 'TTHC công bố đúng hạn ÷ TTHC đã công bố × 100',
    maxPoints: 6,
    targetPercent: null,
    missing: CATALOGUE_PUBLICATION,
  },
  {
    id: '1.2',
    group: G1,
    name: 'Công khai TTHC trên CSDL quốc gia đúng hạn',
    formula: 'TTHC công khai trong 5 ngày làm việc ÷ TTHC phải công khai × 100',
    maxPoints: 4,
    targetPercent: null,
    missing: CATALOGUE_PUBLICATION,
  },
  {
    id: '1.3',
    group: G1,
    name: 'TTHC công khai đầy đủ các bộ phận',
    formula: 'TTHC đủ bộ phận (NĐ 63/2010 Điều 8 khoản 2) ÷ TTHC công khai × 100',
    maxPoints: 2,
    targetPercent: null,
    missing: CATALOGUE_PUBLICATION,
  },
  {
    id: '1.4',
    group: G1,
    name: 'Đồng bộ hồ sơ lên Cổng DVC quốc gia',
    formula: 'Hồ sơ đồng bộ ÷ max(số hồ sơ hệ thống báo cáo, số hồ sơ trên Cổng) × 100',
    maxPoints: 6,
    targetPercent: null,
    missing: PORTAL,
  },
  {
    id: '2.1',
    group: G2,
    name: 'Tỷ lệ hồ sơ giải quyết đúng hạn',
    formula: '(Đã giải quyết trước hạn + đúng hạn + đang giải quyết trong hạn) ÷ Tổng số hồ sơ nhận giải quyết × 100',
    maxPoints: 20,
    targetPercent: null,
    compute: ({ counts }) => ({
      numerator: counts.handledEarly + counts.handledOnTime + counts.inProgressOnTime,
      denominator: counts.received,
      value: onTimeRate(counts),
      unit: '%',
    }),
  },
  {
    id: '2.2',
    group: G2,
    name: 'Thời gian giải quyết trung bình (tham khảo, 0 điểm)',
    formula: 'Trung bình (kết thúc xử lý − tiếp nhận − thời gian tạm dừng) của hồ sơ đã giải quyết trong kỳ, theo ngày',
    maxPoints: 0,
    targetPercent: null,
    compute: ({ counts, averageDays }) => ({
      numerator: null,
      denominator: counts.handled,
      value: averageDays === null ? null : Math.round(averageDays * 100) / 100,
      unit: 'ngày',
    }),
  },
  {
    id: '3.1',
    group: G3,
    name: 'TTHC cung cấp dịch vụ công trực tuyến',
    formula: 'TTHC có DVC trực tuyến ÷ TTHC × 100 (3.1–3.3: 12 điểm chung)',
    maxPoints: null,
    targetPercent: 80,
    missing: ONLINE_SERVICE,
  },
  {
    id: '3.2',
    group: G3,
    name: 'DVC trực tuyến phát sinh hồ sơ',
    formula: 'DVC trực tuyến có hồ sơ ÷ DVC trực tuyến × 100',
    maxPoints: null,
    targetPercent: null,
    missing: ONLINE_SERVICE,
  },
  {
    id: '3.3',
    group: G3,
    name: 'Hồ sơ trực tuyến',
    formula: 'Hồ sơ trực tuyến (có kết quả điện tử) ÷ hồ sơ × tỷ lệ đồng bộ × 100',
    maxPoints: null,
    targetPercent: 50,
    missing: PORTAL,
  },
  {
    id: '3.5',
    group: G3,
    name: 'TTHC có phí tích hợp thanh toán trực tuyến',
    formula: 'TTHC có phí đã tích hợp ÷ TTHC có phí × 100',
    maxPoints: 2,
    targetPercent: 80,
    missing: PAYMENT,
  },
  {
    id: '3.5b',
    group: G3,
    name: 'TTHC có phí phát sinh giao dịch thanh toán',
    formula: 'TTHC có giao dịch ÷ TTHC có phí × 100',
    maxPoints: 2,
    targetPercent: 80,
    missing: PAYMENT,
  },
  {
    id: '3.6',
    group: G3,
    name: 'Hồ sơ thanh toán trực tuyến',
    formula: 'Hồ sơ thanh toán trực tuyến ÷ hồ sơ có phí × 100',
    maxPoints: 6,
    targetPercent: null,
    missing: PAYMENT,
  },
  {
    id: '4.1',
    group: G4,
    name: 'Cấp kết quả điện tử',
    formula: 'Hồ sơ có kết quả điện tử ÷ hồ sơ phải có kết quả giấy × 100',
    maxPoints: 6,
    targetPercent: null,
    missing: DIGITISATION,
  },
  {
    id: '4.2',
    group: G4,
    name: 'Số hóa hồ sơ',
    formula: 'Hồ sơ số hóa thành phần và kết quả ÷ hồ sơ × 100',
    maxPoints: 4,
    targetPercent: 80,
    missing: DIGITISATION,
  },
  {
    id: '4.2b',
    group: G4,
    name: 'Chứng thực bản sao điện tử',
    formula: 'Theo mô tả công thức của Cổng DVC quốc gia',
    maxPoints: 2,
    targetPercent: null,
    missing: DIGITISATION,
  },
  {
    id: '4.3',
    group: G4,
    name: 'Tái sử dụng dữ liệu',
    formula: 'Hồ sơ tái sử dụng dữ liệu ÷ hồ sơ × 100',
    maxPoints: 2,
    targetPercent: 80,
    missing: DIGITISATION,
  },
  {
    id: '4.4',
    group: G4,
    name: 'Liên kết kho dữ liệu cá nhân',
    formula: 'Hồ sơ liên kết kho dữ liệu cá nhân ÷ hồ sơ × 100',
    maxPoints: 4,
    targetPercent: null,
    missing: DIGITISATION,
  },
  {
    id: '4.5a',
    group: G4,
    name: 'TTHC khai thác CSDL dân cư',
    formula: 'TTHC kết nối CSDL dân cư ÷ TTHC × 100',
    maxPoints: 2,
    targetPercent: null,
    missing: DIGITISATION,
  },
  {
    id: '4.5b',
    group: G4,
    name: 'Hồ sơ sử dụng dữ liệu dân cư',
    formula: 'Hồ sơ sử dụng dữ liệu dân cư ÷ hồ sơ × 100',
    maxPoints: 2,
    targetPercent: null,
    missing: DIGITISATION,
  },
  {
    id: '5.r',
    group: G5,
    name: 'Tỷ lệ hài lòng qua phiếu đánh giá của người dân (tham khảo, 0 điểm)',
    formula:
      '(Rất hài lòng + Hài lòng) ÷ số phiếu đánh giá trong kỳ × 100; chỉ tiêu 5.4 còn cần PAKN nên không tính điểm',
    maxPoints: 0,
    targetPercent: null,
    compute: ({ ratings }) => ({
      numerator: ratings.satisfied,
      denominator: ratings.total,
      value: ratings.total === 0 ? null : Math.round((ratings.satisfied / ratings.total) * 10_000) / 100,
      unit: '%',
    }),
  },
  {
    id: '5.1',
    group: G5,
    name: 'PAKN theo phân loại (tham khảo)',
    formula: 'Số PAKN theo từng loại',
    maxPoints: 0,
    targetPercent: null,
    missing: FEEDBACK,
  },
  {
    id: '5.2',
    group: G5,
    name: 'Xử lý PAKN đúng hạn',
    formula: 'PAKN xử lý đúng hạn (từ chối ≤ 2, yêu cầu bổ sung ≤ 5, xử lý ≤ 15 ngày làm việc) ÷ PAKN × 100',
    maxPoints: 6,
    targetPercent: null,
    missing: FEEDBACK,
  },
  {
    id: '5.3',
    group: G5,
    name: 'PAKN không bị phản hồi tiêu cực',
    formula: '(PAKN − không hài lòng, lặp lại, quá hạn) ÷ PAKN × 100',
    maxPoints: 6,
    targetPercent: null,
    missing: FEEDBACK,
  },
  {
    id: '5.4',
    group: G5,
    name: 'Mức độ hài lòng',
    formula: '100% − (tỷ lệ trễ hạn + tỷ lệ có PAKN hoặc không hài lòng)',
    maxPoints: 6,
    targetPercent: 90,
    missing: FEEDBACK,
  },
];

/** Decision 766 scoring (docs/legal.md §5.2): the maximum at the target, proportionally below it; two decimals. */
export function points(valuePercent: number | null, maxPoints: number, targetPercent: number | null): number | null {
  if (valuePercent === null) return null;
  const ratio = valuePercent / 100;
  const earned = targetPercent === null ? ratio * maxPoints : Math.min(1, ratio / (targetPercent / 100)) * maxPoints;
  return Math.round(earned * 100) / 100;
}

function indicatorsFor(inputs: Inputs): Indicator[] {
  return INDICATORS.map((definition) => {
    const base = {
      id: definition.id,
      group: definition.group,
      name: definition.name,
      formula: definition.formula,
      source: SOURCE,
      maxPoints: definition.maxPoints,
      targetPercent: definition.targetPercent,
    };
    if (!definition.compute) {
      return {
        ...base,
        availability: 'needs_outside_data' as const,
        missing: definition.missing ?? null,
        numerator: null,
        denominator: null,
        value: null,
        unit: '%',
        points: null,
      };
    }
    const computed = definition.compute(inputs);
    return {
      ...base,
      availability: 'computed' as const,
      missing: null,
      ...computed,
      // a reference value (2.2, 5.r) scores nothing; a ratio scores by the Decision's rule
      points: definition.maxPoints ? points(computed.value, definition.maxPoints, definition.targetPercent) : 0,
    };
  });
}

/** Ratings of the agencies of a subtree added up: how many, and how many satisfied or very satisfied. */
async function ratingsOf(db: Db, agencyIds: readonly string[], period: { from: Date; to: Date }) {
  const rows = await satisfactionOfAgencies(db, agencyIds, period);
  return {
    total: rows.reduce((sum, row) => sum + row.ratings, 0),
    satisfied: rows.reduce((sum, row) => sum + row.levels.very_satisfied + row.levels.satisfied, 0),
  };
}

export function createIndex766Service(deps: { statistics: StatisticsService; agencies: AgencyRepository; db: Db }) {
  return {
    async get(caller: TokenPayload, query: Index766Query): Promise<Index766> {
      const { statistics, issuer } = await deps.statistics.compute(caller, {
        ...query,
        groupBy: 'agency',
        interval: 'month',
      });
      const averages = await deps.statistics.averageDays(issuer, query.from, query.to);
      const averageOf = new Map(averages.map((row) => [row.key, row.days === null ? null : Number(row.days)]));
      const units = [
        { agency: statistics.agency, counts: statistics.total, averageDays: averageOf.get(null) ?? null },
        // the selected agency's own row is its whole subtree above; then each agency below it
        ...statistics.rows
          .filter((row) => row.key !== statistics.agency.code)
          .map((row) => ({
            agency: { code: row.key ?? '', name: row.label },
            counts: row.figures,
            averageDays: averageOf.get(row.key) ?? null,
          })),
      ];
      const period = periodBounds(query);
      const ratings = await Promise.all(
        units.map(async (unit) => ratingsOf(deps.db, await deps.agencies.subtreeIds(unit.agency.code), period)),
      );
      return {
        from: query.from,
        to: query.to,
        agencies: units.map((unit, index) => {
          const indicators = indicatorsFor({ ...unit, ratings: ratings[index]! });
          const computed = indicators.filter((indicator) => indicator.availability === 'computed');
          return {
            agency: unit.agency,
            indicators,
            computedPoints:
              Math.round(computed.reduce((sum, indicator) => sum + (indicator.points ?? 0), 0) * 100) / 100,
            computedMaxPoints: computed.reduce((sum, indicator) => sum + (indicator.maxPoints ?? 0), 0),
          };
        }),
      };
    },
  };
}
export type Index766Service = ReturnType<typeof createIndex766Service>;
