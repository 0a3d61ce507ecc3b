import type { language as source } from '../en/language';
import type { Translation } from '../types';

export const language: Translation<typeof source> = {
  'summary.language': 'ngôn ngữ Accord dùng để trả lời bạn; `auto` để Accord tự chọn lại',
  'summary.partner set': 'ngôn ngữ mặc định của một đối tác, cho những thành viên chưa tự chọn',
  'summary.project set': 'ngôn ngữ của các tin nhắn chung trong kênh dự án (thẻ, buổi cập nhật, bản tóm tắt)',
  'language.set': ':speech_balloon: Từ bây giờ Accord sẽ trả lời bạn bằng {language}.',
  'language.auto':
    ':speech_balloon: Accord sẽ tự chọn lại ngôn ngữ cho bạn: tiếng Trung nếu Slack của bạn dùng tiếng Trung, nếu không thì theo ngôn ngữ của đối tác, của dự án hoặc của cả mạng lưới. Hiện tại là {language}.',
  'language.missing': 'Hãy chọn một ngôn ngữ: {languages}, hoặc `auto` để Accord tự chọn.',
  'language.unknown': 'Accord không hỗ trợ `{typed}`. Các ngôn ngữ: {languages}, hoặc `auto`.',
  'language.partnerSet':
    ':speech_balloon: Những thành viên của {partner} chưa tự chọn ngôn ngữ sẽ đọc bằng {language}.',
  'language.partnerCleared':
    ':speech_balloon: {partner} không còn ngôn ngữ riêng; thành viên của đối tác này sẽ đọc bằng ngôn ngữ của cả mạng lưới ({language}) nếu không tự chọn.',
  'language.projectSet': ':speech_balloon: Các tin nhắn chung trong kênh của `{project}` sẽ bằng {language}.',
  'language.projectCleared':
    ':speech_balloon: `{project}` không còn ngôn ngữ riêng: kênh của dự án sẽ dùng ngôn ngữ của cả mạng lưới ({language}).',
  'language.nothingToSet': 'Hãy cho biết cần đặt gì: `lang=<ngôn ngữ>` ({languages}, hoặc `auto`).',
  'language.noProjectOwner':
    'Chỉ quản trị viên phía nhà cung cấp và người phụ trách dự án (<@{owner}>) mới đổi được ngôn ngữ của dự án.',
};
