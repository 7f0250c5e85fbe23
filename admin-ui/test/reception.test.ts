import { describe, expect, it } from 'vitest';
import { checklistOf, missingMandatory, toReception, type ReceptionFormValues } from '../src/dossiers/reception.js';

const requiredDocuments = [
  { name: 'Đơn đề nghị cấp giấy phép xây dựng', originals: 1, copies: 0, mandatory: true },
  { name: 'Giấy tờ chứng minh quyền sử dụng đất', originals: 0, copies: 1, mandatory: true },
  { name: 'Văn bản cam kết bảo đảm an toàn', originals: 1, copies: 0, mandatory: false },
];

const applicant = {
  fullName: 'Nguyễn Thị Hoa',
  idNumber: '049186001234',
  phone: '0905123456',
  address: 'Thôn Mỹ Phước, xã Duy Hòa',
};

function form(overrides: Partial<ReceptionFormValues>): ReceptionFormValues {
  return {
    procedureCode: '1.009994',
    applicant,
    channel: 'counter',
    outcome: 'complete',
    resultDelivery: 'counter',
    setCount: 1,
    checklist: checklistOf(requiredDocuments),
    ...overrides,
  };
}

describe('the reception checklist', () => {
  it('starts with every document of the procedure unticked, with the counts it asks for', () => {
    expect(checklistOf(requiredDocuments)).toEqual([
      { name: 'Đơn đề nghị cấp giấy phép xây dựng', mandatory: true, handedIn: false, originals: 1, copies: 0 },
      { name: 'Giấy tờ chứng minh quyền sử dụng đất', mandatory: true, handedIn: false, originals: 0, copies: 1 },
      { name: 'Văn bản cam kết bảo đảm an toàn', mandatory: false, handedIn: false, originals: 1, copies: 0 },
    ]);
  });

  it('names the mandatory documents not handed in, and only those', () => {
    // given the application form ticked, the land-use proof not, the optional commitment not
    const checklist = checklistOf(requiredDocuments).map((line, index) => ({ ...line, handedIn: index === 0 }));
    // then only the mandatory land-use proof is missing
    expect(missingMandatory(checklist)).toEqual(['Giấy tờ chứng minh quyền sử dụng đất']);
  });
});

describe('toReception', () => {
  it('sends a complete dossier with the documents ticked and without the other outcomes’ fields', () => {
    const checklist = checklistOf(requiredDocuments).map((line) => ({ ...line, handedIn: line.mandatory }));
    const input = toReception(
      form({
        checklist,
        applicant: { ...applicant, email: '  ' },
        missingItems: [{ text: 'left over from switching outcomes' }],
        refusalReason: 'left over',
        deliveryAddress: 'not by post',
        requestSummary: ' Cấp phép xây nhà ở ',
      }),
    );
    expect(input).toEqual({
      procedureCode: '1.009994',
      applicant,
      channel: 'counter',
      outcome: 'complete',
      requestSummary: 'Cấp phép xây nhà ở',
      documents: [
        { name: 'Đơn đề nghị cấp giấy phép xây dựng', originals: 1, copies: 0 },
        { name: 'Giấy tờ chứng minh quyền sử dụng đất', originals: 0, copies: 1 },
      ],
      setCount: 1,
      resultDelivery: 'counter',
      deliveryAddress: undefined,
      missingItems: undefined,
      refusalReason: undefined,
      backEntry: undefined,
    });
  });

  it('lists every non-blank missing item at once for an incomplete dossier', () => {
    const input = toReception(
      form({ outcome: 'incomplete', missingItems: [{ text: ' Bản vẽ thiết kế ' }, { text: '' }, { text: 'Sổ đỏ' }] }),
    );
    expect(input.missingItems).toEqual(['Bản vẽ thiết kế', 'Sổ đỏ']);
    expect(input.outcome).toBe('incomplete');
  });

  it('sends the reasons of a refusal, the address of a delivery by post and the e-mail when given', () => {
    const input = toReception(
      form({
        outcome: 'refused',
        refusalReason: ' Không thuộc thẩm quyền ',
        resultDelivery: 'post',
        deliveryAddress: '12 Trần Phú, Hội An',
        applicant: { ...applicant, email: 'hoa@example.vn' },
      }),
    );
    expect(input).toMatchObject({
      refusalReason: 'Không thuộc thẩm quyền',
      deliveryAddress: '12 Trần Phú, Hội An',
      applicant: { email: 'hoa@example.vn' },
    });
  });

  it('sends a back-entry with the original time read on a Vietnamese clock, only when switched on', () => {
    const backEntry = { receivedAt: '2026-11-20T09:15', reason: 'Mất điện toàn huyện' };
    expect(toReception(form({ backEntered: true, backEntry })).backEntry).toEqual({
      receivedAt: '2026-11-20T09:15:00+07:00',
      reason: 'Mất điện toàn huyện',
    });
    expect(toReception(form({ backEntered: false, backEntry })).backEntry).toBeUndefined();
  });
});
