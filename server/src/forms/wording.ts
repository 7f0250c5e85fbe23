import { TIMELINESS_LABELS, type ResultDelivery } from '@motcua/common';
import type { HandoverResult } from './types.js';

/** Words the forms print for coded values. */

/** Mẫu 01 item 6, "Đăng ký nhận kết quả tại: …". */
export const RESULT_DELIVERY_PLACES: Record<ResultDelivery, string> = {
  counter: 'Trực tiếp tại nơi tiếp nhận hồ sơ',
  post: 'Qua dịch vụ bưu chính công ích',
  online: 'Trực tuyến, trên Cổng dịch vụ công',
};

/** The register's column "Phương thức nhận kết quả". */
export const RESULT_DELIVERY_METHODS: Record<ResultDelivery, string> = {
  counter: 'Trực tiếp',
  post: 'Bưu chính',
  online: 'Trực tuyến',
};

/** "Trước hạn" / "Đúng hạn" / "Quá hạn": the shared status vocabulary's words. */
export function handoverResultWords(result: HandoverResult): string {
  return TIMELINESS_LABELS[result].vi;
}
