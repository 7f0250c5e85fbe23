import { PROCESS_KEYS, type CreateProcedure, type ProcedureVersionInput } from '@motcua/common';
import { DISTRICT_CODE } from '../../helpers/requests.js';

/**
 * Request bodies for the catalogue tests: a valid version of a district procedure carried by the
 * deployed construction-permit process, and a valid new procedure around it.
 */
export function versionBody(overrides: Partial<ProcedureVersionInput> = {}): ProcedureVersionInput {
  return {
    name: 'Cấp giấy phép sửa chữa, cải tạo nhà ở riêng lẻ',
    field: 'Hoạt động xây dựng',
    level: 'partial_online',
    processingDays: 15,
    fees: [{ name: 'Lệ phí cấp giấy phép xây dựng', amountVnd: 75_000 }],
    requiredDocuments: [
      { name: 'Đơn đề nghị cấp giấy phép sửa chữa, cải tạo', originals: 1, copies: 0, mandatory: true },
      { name: 'Giấy tờ chứng minh quyền sử dụng đất', originals: 0, copies: 1, mandatory: true },
      { name: 'Ảnh chụp hiện trạng công trình', originals: 1, copies: 0, mandatory: false, note: 'khổ 10x15 cm' },
    ],
    legalBasis: 'Luật Xây dựng 2014 (sửa đổi bởi Luật 62/2020/QH14), Điều 98 và Điều 102',
    processKey: PROCESS_KEYS.houseConstructionPermit,
    effectiveFrom: '2021-03-03T00:00:00+07:00',
    ...overrides,
  };
}

export function newProcedureBody(code: string, overrides: Partial<ProcedureVersionInput> = {}): CreateProcedure {
  return { code, agencyCode: DISTRICT_CODE, ...versionBody(overrides) };
}
