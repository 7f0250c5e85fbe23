import type { CalendarDayRow } from './holidays.js';

/**
 * The Prime Minister's holiday schedules for public servants that docs/legal.md §4 sources, as
 * calendar data rows. `prisma/src/seed.ts` inserts them into the `CalendarDay` table, where an
 * administrator keeps them up to date; the running system reads the table, never this constant.
 *
 * Stable contract for the seed: a flat list, one row per date, shaped like `CalendarDay` without its
 * audit columns. Only what the schedules change is listed: days the rules compute anyway (e.g. Giỗ
 * Tổ, its compensatory day) are left to the rules, and weekends need no row. A year with no official
 * schedule yet (2027) has no rows: the computed default applies.
 */

const VB_8726 = 'Văn bản 8726/VPCP-KGVX ngày 26/11/2024';
const VB_12729 = 'Văn bản 12729/VPCP-KGVX ngày 25/12/2025';
// docs/legal.md [S25] reports the approved 2026 Tết schedule without the document's number.
const TET_2026 =
  'Lịch nghỉ Tết Bính Ngọ 2026 được Thủ tướng Chính phủ đồng ý (số văn bản chưa xác minh, docs/legal.md §4 [S25])';

export const OFFICIAL_SCHEDULES: readonly CalendarDayRow[] = Object.freeze([
  // 2025 — Tết Ất Tỵ: statutory days Mon 27/01–Fri 31/01 (break Sat 25/01–Sun 02/02).
  ...['2025-01-27', '2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31'].map((date) => ({
    date,
    kind: 'holiday' as const,
    occasion: 'lunar_new_year',
    name: 'Tết Âm lịch Ất Tỵ',
    legalRef: VB_8726,
  })),
  // 2025 — 30/04–01/05 with a swap: work Sat 26/04, off Fri 02/05 (break 30/04–04/05).
  {
    date: '2025-04-26',
    kind: 'working_day',
    occasion: null,
    name: 'Làm bù cho ngày nghỉ 02/05/2025',
    legalRef: VB_8726,
  },
  { date: '2025-04-30', kind: 'holiday', occasion: 'reunification', name: 'Ngày Chiến thắng', legalRef: VB_8726 },
  { date: '2025-05-01', kind: 'holiday', occasion: 'labour_day', name: 'Ngày Quốc tế Lao động', legalRef: VB_8726 },
  {
    date: '2025-05-02',
    kind: 'day_off',
    occasion: null,
    name: 'Nghỉ hoán đổi (làm bù thứ Bảy 26/04/2025)',
    legalRef: VB_8726,
  },
  // 2025 — National Day: 02/09 plus the day before (break Sat 30/08–Tue 02/09).
  { date: '2025-09-01', kind: 'holiday', occasion: 'national_day', name: 'Quốc khánh', legalRef: VB_8726 },
  { date: '2025-09-02', kind: 'holiday', occasion: 'national_day', name: 'Quốc khánh', legalRef: VB_8726 },

  // 2026 — New Year with a swap: off Fri 02/01, work Sat 10/01 (break Thu 01/01–Sun 04/01).
  { date: '2026-01-01', kind: 'holiday', occasion: 'new_year', name: 'Tết Dương lịch', legalRef: VB_12729 },
  {
    date: '2026-01-02',
    kind: 'day_off',
    occasion: null,
    name: 'Nghỉ hoán đổi (làm bù thứ Bảy 10/01/2026)',
    legalRef: VB_12729,
  },
  {
    date: '2026-01-10',
    kind: 'working_day',
    occasion: null,
    name: 'Làm bù cho ngày nghỉ 02/01/2026',
    legalRef: VB_12729,
  },
  // 2026 — Tết Bính Ngọ: statutory days Mon 16/02–Fri 20/02 (break Sat 14/02–Sun 22/02).
  ...['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20'].map((date) => ({
    date,
    kind: 'holiday' as const,
    occasion: 'lunar_new_year',
    name: 'Tết Âm lịch Bính Ngọ',
    legalRef: TET_2026,
  })),
  // 2026 — Giỗ Tổ (Sun 26/04 → compensatory Mon 27/04) and 30/04–01/05 (Thu–Fri) are as computed.
] satisfies CalendarDayRow[]);
