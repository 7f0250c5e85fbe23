import { describe, expect, it } from 'vitest';
import polyglotI18nProvider from 'ra-i18n-polyglot';
import { describeApiError, fieldIssuesOf } from '../src/providers/apiErrors.js';
import { en } from '../src/i18n/en.js';
import { vi } from '../src/i18n/vi.js';

const vietnamese = polyglotI18nProvider(() => vi, 'vi').translate;
const english = polyglotI18nProvider(() => en, 'en').translate;
const dossierForm = { subject: 'dossier', resource: 'dossiers' } as const;

describe('describeApiError', () => {
  it('explains a refused action in Vietnamese', () => {
    expect(describeApiError(403, { message: 'Forbidden' }, { subject: 'task' }, vietnamese).message).toBe(
      'Bạn không có quyền thực hiện thao tác này',
    );
  });

  it('says the dossier was not found for a 404 on a dossier', () => {
    expect(describeApiError(404, { message: 'Not Found' }, { subject: 'dossier' }, vietnamese).message).toBe(
      'Không tìm thấy hồ sơ',
    );
  });

  it('says someone else holds the task for a 409 on a task', () => {
    expect(describeApiError(409, { message: 'Conflict' }, { subject: 'task' }, vietnamese).message).toBe(
      'Công việc đã được người khác nhận xử lý',
    );
  });

  it('names the field of a Fastify validation message with its form label and translates the rule', () => {
    // given the server's 400 for a bad identity number
    const body = {
      statusCode: 400,
      error: 'Bad Request',
      message: 'body/applicant/idNumber must be a 9-digit or 12-digit identity number',
    };
    // when describing it for the dossier form
    const described = describeApiError(400, body, dossierForm, vietnamese);
    // then the notification names the field as the form labels it, and the field gets its own message
    expect(described.message).toBe('Số CCCD/CMND: phải gồm 9 hoặc 12 chữ số');
    expect(described.fieldErrors).toEqual({ applicant: { idNumber: 'phải gồm 9 hoặc 12 chữ số' } });
  });

  it('reads zod issues and lists every field', () => {
    const body = {
      message: 'Validation failed',
      issues: [
        { path: ['applicant', 'phone'], message: 'must be a Vietnamese phone number, e.g. 0912345678' },
        { path: ['applicant', 'fullName'], message: 'must have at least 2 characters' },
      ],
    };
    const described = describeApiError(400, body, dossierForm, vietnamese);
    expect(described.message).toBe(
      'Số điện thoại: phải là số điện thoại Việt Nam, ví dụ 0912345678; Họ và tên người nộp: phải có ít nhất 2 ký tự',
    );
    expect(described.fieldErrors).toEqual({
      applicant: { phone: 'phải là số điện thoại Việt Nam, ví dụ 0912345678', fullName: 'phải có ít nhất 2 ký tự' },
    });
  });

  it('turns a missing required property into "Bắt buộc" on that field', () => {
    const described = describeApiError(
      400,
      { message: "body must have required property 'procedureCode'" },
      dossierForm,
      vietnamese,
    );
    expect(described.message).toBe('Thủ tục hành chính: Bắt buộc');
  });

  it('names an unknown procedure code', () => {
    // given the server's answer for a procedure the agency does not receive
    const body = {
      statusCode: 400,
      error: 'Bad Request',
      message: 'body/procedureCode 9.999 is not a procedure your agency receives',
      issues: [{ path: 'body/procedureCode', message: '9.999 is not a procedure your agency receives' }],
    };
    expect(describeApiError(400, body, dossierForm, vietnamese).message).toBe(
      'Thủ tục hành chính: không có trong danh mục thủ tục',
    );
  });

  it('reads the server issues of a zod validation error, "is required" included', () => {
    const body = {
      statusCode: 400,
      error: 'Bad Request',
      message:
        'body/applicant/fullName is required; body/applicant/idNumber must be a 9-digit or 12-digit identity number',
      issues: [
        { path: 'body/applicant/fullName', message: 'is required' },
        { path: 'body/applicant/idNumber', message: 'must be a 9-digit or 12-digit identity number' },
      ],
    };
    const described = describeApiError(400, body, dossierForm, vietnamese);
    expect(described.message).toBe('Họ và tên người nộp: Bắt buộc; Số CCCD/CMND: phải gồm 9 hoặc 12 chữ số');
    expect(described.fieldErrors).toEqual({
      applicant: { fullName: 'Bắt buộc', idNumber: 'phải gồm 9 hoặc 12 chữ số' },
    });
  });

  it('names the decision a leader forgot', () => {
    const body = {
      message: 'body/outcome is required to complete leader-approval: approve or send_back',
      issues: [{ path: 'body/outcome', message: 'is required to complete leader-approval: approve or send_back' }],
    };
    expect(describeApiError(400, body, { subject: 'task', resource: 'tasks' }, vietnamese).message).toBe(
      'Quyết định: Bắt buộc',
    );
  });

  it('keeps a validation message it does not know, next to the translated label', () => {
    expect(
      describeApiError(400, { field: 'channel', message: 'Invalid option' }, dossierForm, vietnamese).message,
    ).toBe('Hình thức nộp: Invalid option');
  });

  it('shows the server message of a 400 that names no field', () => {
    expect(
      describeApiError(400, { message: 'process has no executable process' }, { subject: 'process' }, vietnamese)
        .message,
    ).toBe('Yêu cầu không hợp lệ: process has no executable process');
  });

  it('tells a citizen the code is malformed or unknown', () => {
    expect(
      describeApiError(400, { message: 'params/code is not a dossier code' }, { subject: 'public-dossier' }, vietnamese)
        .message,
    ).toBe('Mã hồ sơ không đúng định dạng (ví dụ: 000.00.17.H41-261127-0001)');
    expect(describeApiError(404, undefined, { subject: 'public-dossier' }, vietnamese).message).toBe(
      'Không tìm thấy hồ sơ',
    );
  });

  it('speaks English when the officer chose English', () => {
    expect(describeApiError(403, undefined, { subject: 'dossier' }, english).message).toBe(
      'You are not allowed to do this',
    );
    expect(
      describeApiError(
        400,
        { message: 'body/applicant/phone must be a Vietnamese phone number, e.g. 0912345678' },
        dossierForm,
        english,
      ).message,
    ).toBe('Phone number: must be a Vietnamese phone number, e.g. 0912345678');
  });

  it('hides server faults and reports lost connections', () => {
    expect(
      describeApiError(500, { message: 'TypeError: x is undefined' }, { subject: 'dossier' }, vietnamese).message,
    ).toBe('Hệ thống đang gặp sự cố, vui lòng thử lại sau');
    expect(describeApiError(0, undefined, { subject: 'dossier' }, vietnamese).message).toBe(
      'Không kết nối được máy chủ',
    );
    expect(describeApiError(429, undefined, { subject: 'public-dossier' }, vietnamese).message).toBe(
      'Quá nhiều yêu cầu, vui lòng thử lại sau',
    );
  });
});

describe('fieldIssuesOf', () => {
  it('reads react-admin style nested error objects', () => {
    expect(fieldIssuesOf({ errors: { applicant: { address: 'too short' }, root: { serverError: 'x' } } })).toEqual([
      { field: 'applicant.address', message: 'too short' },
    ]);
  });

  it('finds nothing in bodies without field information', () => {
    expect(fieldIssuesOf(undefined)).toEqual([]);
    expect(fieldIssuesOf('Bad Request')).toEqual([]);
    expect(fieldIssuesOf({ message: 'Bad Request' })).toEqual([]);
  });
});
