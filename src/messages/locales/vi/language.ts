import type { language as source } from '../en/language';
import type { Translation } from '../types';

export const language: Translation<typeof source> = {
  'summary.language': 'ngôn ngữ Accord dùng để trả lời bạn; `auto` để Accord tự chọn lại',
  'summary.partner set': 'ngôn ngữ mặc định của một đối tác, cho những thành viên chưa tự chọn',
  'summary.project set': 'ngôn ngữ của các tin nhắn chung trong kênh dự án (thẻ, cập nhật định kỳ, tổng hợp)',
  'language.set': ':speech_balloon: Từ bây giờ Accord sẽ trả lời bạn bằng {language}.',
  'language.auto':
    ':speech_balloon: Accord sẽ tự chọn lại ngôn ngữ cho bạn: tiếng Trung nếu Slack của bạn dùng tiếng Trung, nếu không thì theo ngôn ngữ của đối tác, của dự án hoặc của mạng lưới đối tác. Hiện tại là {language}.',
  'language.missing': 'Vui lòng chọn một ngôn ngữ: {languages}, hoặc `auto` để Accord tự chọn.',
  'language.unknown': 'Accord không hỗ trợ `{typed}`. Các ngôn ngữ: {languages}, hoặc `auto`.',
  'language.partnerSet':
    ':speech_balloon: Những thành viên của {partner} chưa tự chọn ngôn ngữ sẽ đọc bằng {language}.',
  'language.partnerCleared':
    ':speech_balloon: {partner} không còn ngôn ngữ riêng; thành viên của đối tác này sẽ đọc bằng ngôn ngữ của mạng lưới đối tác ({language}) nếu không tự chọn.',
  'language.projectSet': ':speech_balloon: Các tin nhắn chung trong kênh của `{project}` sẽ bằng {language}.',
  'language.projectCleared':
    ':speech_balloon: `{project}` không còn ngôn ngữ riêng: kênh của dự án sẽ dùng ngôn ngữ của mạng lưới đối tác ({language}).',
  'language.nothingToSet': 'Vui lòng cho biết cần đặt gì: `lang=<ngôn ngữ>` ({languages}, hoặc `auto`).',
  'language.noProjectOwner':
    'Chỉ quản trị viên phía hãng và người phụ trách dự án (<@{owner}>) mới đổi được ngôn ngữ của dự án.',
};
