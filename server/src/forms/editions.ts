import { toVietnamDate, type LocalDate } from '@motcua/common/calendar';
import type { FormIssuer, FormKind } from './types.js';

/**
 * Which edition of a standard form applies, by the day the form is issued (docs/legal.md §1.2–1.3).
 *
 * - Circular 01/2018/TT-VPCP, Annex (forms in use from 06/01/2019): Mẫu 01–06.
 * - Circular 03/2025/TT-VPCP of 15/09/2025, Annex I: Mẫu 04 becomes "Văn bản xin lỗi và đề nghị gia
 *   hạn thời gian giải quyết"; a new Mẫu 05 (stop notice) pushes the control sheet to Mẫu 06 and the
 *   register to Mẫu 07. Applied to forms issued from 15/09/2025.
 */
export const CIRCULAR_03_2025_FORMS_FROM: LocalDate = '2025-09-15';

const CIRCULAR_01_2018 = 'Thông tư số 01/2018/TT-VPCP';
const CIRCULAR_03_2025 = 'Thông tư số 03/2025/TT-VPCP';

export interface FormEdition {
  kind: FormKind;
  /** Number of the form in its circular's annex, e.g. "04". */
  formNumber: string;
  /** Title as printed, in capitals. */
  title: string;
  /** The circular whose annex defines the form. */
  legalBasis: string;
  /** Printed in the top corner, e.g. "Mẫu số 04 - Thông tư số 03/2025/TT-VPCP". */
  label: string;
  /** Suffix of the form number ("Số: …/PXL"). */
  numberSuffix: string;
  /** True for the 2025 set. */
  circular2025: boolean;
}

const TITLES: Record<FormKind, { 2018: string; 2025: string }> = {
  receipt: { 2018: 'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ', 2025: 'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ' },
  supplement_request: {
    2018: 'PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ',
    2025: 'PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ',
  },
  refusal: {
    2018: 'PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ',
    2025: 'PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ',
  },
  apology: {
    2018: 'PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ',
    2025: 'VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT',
  },
  control_sheet: {
    2018: 'PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ',
    2025: 'PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ',
  },
  register: { 2018: 'SỔ THEO DÕI HỒ SƠ', 2025: 'SỔ THEO DÕI HỒ SƠ' },
};

const FORM_NUMBERS: Record<FormKind, { 2018: string; 2025: string }> = {
  receipt: { 2018: '01', 2025: '01' },
  supplement_request: { 2018: '02', 2025: '02' },
  refusal: { 2018: '03', 2025: '03' },
  apology: { 2018: '04', 2025: '04' },
  control_sheet: { 2018: '05', 2025: '06' },
  register: { 2018: '06', 2025: '07' },
};

/** Implementers' suffixes (docs/legal.md §1.1, official ones unconfirmed); an agency may set its own. */
export const DEFAULT_NUMBER_SUFFIXES: Record<FormKind, string> = {
  receipt: 'HDHS',
  supplement_request: 'PBS',
  refusal: 'PTC',
  apology: 'PXL',
  control_sheet: 'PKS',
  register: 'STD',
};

/** The edition of form `kind` in force on the Vietnamese calendar day of `issuedAt`. */
export function formEdition(kind: FormKind, issuedAt: Date, issuer?: Pick<FormIssuer, 'numberSuffixes'>): FormEdition {
  const circular2025 = toVietnamDate(issuedAt) >= CIRCULAR_03_2025_FORMS_FROM;
  const year = circular2025 ? 2025 : 2018;
  const legalBasis = circular2025 ? CIRCULAR_03_2025 : CIRCULAR_01_2018;
  const formNumber = FORM_NUMBERS[kind][year];
  return {
    kind,
    formNumber,
    title: TITLES[kind][year],
    legalBasis,
    label: `Mẫu số ${formNumber} - ${legalBasis}`,
    numberSuffix: issuer?.numberSuffixes?.[kind] ?? DEFAULT_NUMBER_SUFFIXES[kind],
    circular2025,
  };
}
