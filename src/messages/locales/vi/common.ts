import type { common as source } from '../en/common';
import type { Translation } from '../types';

export const common: Translation<typeof source> = {
  'error.usage': 'Cách dùng: `{usage}`',
  'command.didYouMean': 'Không có lệnh `{typed}`. Có phải bạn muốn gõ `{meant}`?',
  'command.needsOneMoreWord': '`/accord {family}` cần thêm một từ nữa:',
  'command.noSuch': 'Accord không hiểu `{typed}`. Các lệnh: {commands}.',
  'reply.databaseUnavailable':
    ':hourglass_flowing_sand: Accord hiện không kết nối được cơ sở dữ liệu nên chưa có gì thay đổi. Vui lòng thử lại sau một phút.',
  'reply.commitOutcomeUnknown':
    ':hourglass_flowing_sand: Accord mất kết nối cơ sở dữ liệu đúng lúc đang lưu, nên không biết đã lưu được hay chưa. Trước khi thử lại, vui lòng kiểm tra xem dữ liệu đã có chưa (ví dụ bằng lệnh `list` hoặc `show` tương ứng) để tránh thực hiện hai lần.',
  'reply.unexpectedError':
    ':x: Xin lỗi, Accord gặp lỗi nội bộ và chưa có gì thay đổi. Nếu lỗi lặp lại, vui lòng gửi mã tham chiếu này cho quản trị viên: `{referenceId}`.',
  'reply.incompleteCommand':
    ':warning: Slack gửi lệnh này mà thiếu các trường Accord cần (người dùng và nội dung); vui lòng thử lại.',
  'reply.formNotOpened':
    ':warning: Slack không mở được biểu mẫu; vui lòng gõ lệnh kèm tham số, ví dụ `/escalate sev2 Calls drop after 30 s`.',
  'reply.queuedOpening': ':hourglass_flowing_sand: Đã nhận. Accord đang bận:',
  'reply.queuedAhead': 'còn {ahead} yêu cầu trước yêu cầu của bạn. Kết quả sẽ hiện ở đây; không cần gửi lại.',
};
