import type {
  ApologyFormData,
  ControlSheetFormData,
  FormApplicant,
  FormIssuer,
  ReceiptFormData,
  RefusalFormData,
  RegisterFormData,
  RegisterRow,
  SupplementRequestFormData,
} from '../../src/forms/types.js';

/** Realistic form data of the Duy Xuyên demo agency; instants are written in Vietnam time. */

export const DUY_XUYEN: FormIssuer = {
  parentName: 'UBND huyện Duy Xuyên',
  unitName: 'Bộ phận Tiếp nhận và Trả kết quả',
  agencyName: 'Ủy ban nhân dân huyện Duy Xuyên',
  place: 'Duy Xuyên',
};

export const CODE = '000.00.17.H41-261127-0001';
export const STATUS_URL = `http://127.0.0.1:3000/#/tra-cuu?code=${CODE}`;

export const NHUNG: FormApplicant = {
  name: 'Nguyễn Thị Hồng Nhung',
  idNumber: '049186001234',
  address: 'Thôn Mỹ Phước, xã Duy Thành, huyện Duy Xuyên, tỉnh Quảng Nam',
  phone: '0905 123 456',
  email: 'hongnhung.duythanh@example.vn',
};

export const VIET: FormApplicant = {
  name: 'Đặng Quốc Việt',
  idNumber: null,
  address: 'Khối phố Long Xuyên 2, thị trấn Nam Phước, huyện Duy Xuyên',
  phone: '0935 777 888',
  email: null,
};

export const PERMIT = 'Cấp giấy phép xây dựng đối với công trình nhà ở riêng lẻ';

export function vn(localDateTime: string): Date {
  return new Date(`${localDateTime}+07:00`);
}

export function receiptData(overrides: Partial<ReceiptFormData> = {}): ReceiptFormData {
  return {
    issuer: DUY_XUYEN,
    number: 1,
    issuedAt: vn('2026-11-27T10:05:00'),
    dossierCode: CODE,
    statusUrl: STATUS_URL,
    applicant: NHUNG,
    requestSummary: PERMIT,
    documents: [
      {
        name: 'Đơn đề nghị cấp giấy phép xây dựng (Mẫu số 01, Phụ lục II, Nghị định 175/2024/NĐ-CP)',
        originals: 1,
        copies: 0,
      },
      { name: 'Giấy chứng nhận quyền sử dụng đất', originals: 0, copies: 1 },
      { name: 'Bản vẽ thiết kế xây dựng: mặt bằng, mặt cắt, mặt đứng, móng', originals: 2, copies: 0 },
    ],
    setCount: 1,
    processingDays: 15,
    receivedAt: vn('2026-11-27T10:05:00'),
    dueAt: vn('2026-12-18T10:05:00'),
    resultDelivery: 'post',
    deliveryAddress: 'Thôn Mỹ Phước, xã Duy Thành, huyện Duy Xuyên, tỉnh Quảng Nam',
    registerEntry: { book: '02/2026', entry: 1 },
    receiverName: 'Trần Văn Ánh',
    ...overrides,
  };
}

export function supplementRequestData(overrides: Partial<SupplementRequestFormData> = {}): SupplementRequestFormData {
  return {
    issuer: DUY_XUYEN,
    number: 7,
    issuedAt: vn('2026-11-27T14:20:00'),
    dossierCode: '000.00.17.H41-261127-0002',
    statusUrl: 'http://127.0.0.1:3000/#/tra-cuu?code=000.00.17.H41-261127-0002',
    applicant: VIET,
    requestSummary: PERMIT,
    missingItems: [
      'Bản sao Giấy chứng nhận quyền sử dụng đất có chứng thực',
      'Bản vẽ mặt bằng móng có chữ ký của chủ nhiệm thiết kế',
      'Ảnh chụp hiện trạng khu đất xây dựng',
    ],
    reason: 'Hồ sơ thiếu thành phần theo quy định tại Điều 43 Nghị định 175/2024/NĐ-CP',
    contact: { name: 'Lê Thị Thu Hà', phone: '0235 3877 123' },
    guideName: 'Trần Văn Ánh',
    ...overrides,
  };
}

export function refusalData(overrides: Partial<RefusalFormData> = {}): RefusalFormData {
  return {
    issuer: DUY_XUYEN,
    number: 3,
    issuedAt: vn('2026-11-27T15:40:00'),
    dossierCode: '000.00.17.H41-261127-0003',
    statusUrl: 'http://127.0.0.1:3000/#/tra-cuu?code=000.00.17.H41-261127-0003',
    applicant: VIET,
    requestSummary: 'Đăng ký thành lập hộ kinh doanh',
    reasons: [
      'Tên hộ kinh doanh trùng với tên hộ kinh doanh đã đăng ký trong phạm vi huyện',
      'Ngành nghề đăng ký thuộc danh mục ngành nghề cấm đầu tư kinh doanh',
    ],
    receiverName: 'Trần Văn Ánh',
    ...overrides,
  };
}

export function apologyData(overrides: Partial<ApologyFormData> = {}): ApologyFormData {
  return {
    issuer: { ...DUY_XUYEN, parentName: 'UBND tỉnh Quảng Nam', unitName: 'Ủy ban nhân dân huyện Duy Xuyên' },
    number: 2,
    issuedAt: vn('2026-12-17T09:00:00'),
    dossierCode: CODE,
    statusUrl: STATUS_URL,
    resolvingAgencyName: 'Ủy ban nhân dân huyện Duy Xuyên',
    applicant: NHUNG,
    requestSummary: PERMIT,
    receivedAt: vn('2026-11-27T10:05:00'),
    previousDueAt: vn('2026-12-18T10:05:00'),
    newDueAt: vn('2026-12-25T16:00:00'),
    reason: 'Hồ sơ phải lấy ý kiến của Sở Xây dựng về chỉ giới xây dựng, cơ quan phối hợp chưa có văn bản trả lời',
    signerTitle: 'CHỦ TỊCH',
    signerName: 'Phạm Ngọc Yến',
    ...overrides,
  };
}

export function controlSheetData(overrides: Partial<ControlSheetFormData> = {}): ControlSheetFormData {
  return {
    issuer: DUY_XUYEN,
    number: null,
    issuedAt: vn('2026-12-24T16:30:00'),
    dossierCode: CODE,
    statusUrl: STATUS_URL,
    resolvingAgencyName: 'Phòng Kinh tế, Hạ tầng và Đô thị huyện Duy Xuyên',
    coordinatingAgencyNames: ['Sở Xây dựng tỉnh Quảng Nam'],
    receivedAt: vn('2026-11-27T10:05:00'),
    dueAt: vn('2026-12-25T16:00:00'),
    rows: [
      {
        fromUnit: 'Bộ phận TN&TKQ',
        toUnit: 'Phòng Kinh tế, Hạ tầng và Đô thị',
        handedOverAt: vn('2026-11-27T14:30:00'),
        handedOverBy: 'Trần Văn Ánh',
        receivedBy: 'Võ Minh Đức',
        result: 'early',
        note: null,
      },
      {
        fromUnit: 'Phòng Kinh tế, Hạ tầng và Đô thị',
        toUnit: 'Sở Xây dựng tỉnh Quảng Nam',
        handedOverAt: vn('2026-12-08T08:15:00'),
        handedOverBy: 'Võ Minh Đức',
        receivedBy: 'Huỳnh Thị Mỹ Lệ',
        result: 'on_time',
        note: 'Liên thông lấy ý kiến',
      },
      {
        fromUnit: 'Sở Xây dựng tỉnh Quảng Nam',
        toUnit: 'Phòng Kinh tế, Hạ tầng và Đô thị',
        handedOverAt: vn('2026-12-21T10:45:00'),
        handedOverBy: 'Huỳnh Thị Mỹ Lệ',
        receivedBy: 'Võ Minh Đức',
        result: 'late',
        note: 'Trả về trễ 3 ngày',
      },
      {
        fromUnit: 'Phòng Kinh tế, Hạ tầng và Đô thị',
        toUnit: 'Lãnh đạo UBND huyện',
        handedOverAt: vn('2026-12-23T09:00:00'),
        handedOverBy: 'Võ Minh Đức',
        receivedBy: null,
        result: null,
        note: null,
      },
    ],
    ...overrides,
  };
}

const SURNAMES = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Huỳnh', 'Phan', 'Võ', 'Đặng', 'Bùi', 'Đỗ'];
const GIVEN = [
  'Thị Hồng Nhung',
  'Quốc Việt',
  'Văn Ánh',
  'Thị Thu Hà',
  'Minh Đức',
  'Ngọc Yến',
  'Thị Mỹ Lệ',
  'Hữu Thắng',
];
const PROCEDURES = [PERMIT, 'Đăng ký thành lập hộ kinh doanh', 'Đăng ký khai sinh'];

/** `count` dossiers received over November 2026, a few of them returned. */
export function registerRows(count: number): RegisterRow[] {
  return Array.from({ length: count }, (_, index) => {
    const day = 2 + (index % 27);
    const date = `2026-11-${String(day).padStart(2, '0')}`;
    const sequence = String(index + 1).padStart(4, '0');
    return {
      dossierCode: `000.00.17.H41-2611${String(day).padStart(2, '0')}-${sequence}`,
      procedureName: PROCEDURES[index % PROCEDURES.length] ?? PERMIT,
      applicantName: `${SURNAMES[index % SURNAMES.length]} ${GIVEN[index % GIVEN.length]}`,
      applicantAddress: 'Xã Duy Thành, huyện Duy Xuyên',
      applicantPhone: `0905 ${String(100_000 + index * 37).slice(0, 3)} ${String(100 + index).slice(-3)}`,
      resolvingAgencyName: 'Phòng Kinh tế, Hạ tầng và Đô thị',
      receivedAt: vn(`${date}T08:30:00`),
      dueAt: vn(`${date}T16:00:00`),
      returnedAt: index % 3 === 0 ? vn(`${date}T15:10:00`) : null,
      resultDelivery: index % 3 === 0 ? 'post' : index % 3 === 1 ? 'counter' : null,
    };
  });
}

export function registerData(overrides: Partial<RegisterFormData> = {}): RegisterFormData {
  return {
    issuer: DUY_XUYEN,
    issuedAt: vn('2026-12-01T08:00:00'),
    period: { from: '2026-11-01', to: '2026-11-30' },
    book: '02/2026',
    rows: [
      {
        dossierCode: CODE,
        procedureName: PERMIT,
        applicantName: NHUNG.name,
        applicantAddress: NHUNG.address,
        applicantPhone: NHUNG.phone,
        resolvingAgencyName: 'Phòng Kinh tế, Hạ tầng và Đô thị',
        receivedAt: vn('2026-11-27T10:05:00'),
        dueAt: vn('2026-12-18T10:05:00'),
        returnedAt: vn('2026-12-17T15:30:00'),
        resultDelivery: 'post',
      },
      {
        dossierCode: '000.00.17.H41-261127-0004',
        procedureName: 'Đăng ký khai sinh',
        applicantName: VIET.name,
        applicantAddress: VIET.address,
        applicantPhone: VIET.phone,
        resolvingAgencyName: 'UBND thị trấn Nam Phước',
        receivedAt: vn('2026-11-27T16:10:00'),
        dueAt: null,
        returnedAt: null,
        resultDelivery: null,
      },
    ],
    ...overrides,
  };
}
