import type { common as source } from '../en/common';
import type { Translation } from '../types';

export const common: Translation<typeof source> = {
  'error.usage': '用法：`{usage}`',
  'command.didYouMean': '未知命令 `{typed}`。您是不是想输入 `{meant}`？',
  'command.needsOneMoreWord': '`/accord {family}` 后面还需要一个词：',
  'command.noSuch': '无法识别 `{typed}`。可用命令：{commands}。',
  'reply.databaseUnavailable': ':hourglass_flowing_sand: Accord 暂时无法连接数据库，所有内容均未更改。请一分钟后重试。',
  'reply.commitOutcomeUnknown':
    ':hourglass_flowing_sand: Accord 正在保存时与数据库断开了连接，无法确定是否已保存。重试之前，请先查看是否已保存（例如用相应的 `list` 或 `show` 命令），以免重复操作。',
  'reply.unexpectedError':
    ':x: 抱歉，Accord 内部出错，所有内容均未更改。如果再次出现，请把这个参考编号提供给管理员：`{referenceId}`。',
  'reply.incompleteCommand': ':warning: Slack 发来的这条命令缺少 Accord 需要的字段（用户和文本），请重试。',
  'reply.formNotOpened':
    ':warning: Slack 未能打开表单；请直接在命令后输入参数，例如 `/escalate sev2 Calls drop after 30 s`。',
  'reply.queuedOpening': ':hourglass_flowing_sand: 已收到。Accord 当前较忙：',
  'reply.queuedAhead': '您前面还有 {ahead} 个请求。结果稍后会在这里显示，无需重复发送。',
};
