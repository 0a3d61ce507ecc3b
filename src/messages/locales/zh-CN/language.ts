import type { language as source } from '../en/language';
import type { Translation } from '../types';

export const language: Translation<typeof source> = {
  'summary.language': '设置 Accord 回复您时使用的语言；`auto` 表示由 Accord 重新自动选择',
  'summary.partner set': '合作伙伴的默认语言，适用于尚未自行选择语言的成员',
  'summary.project set': '项目频道中共享消息（卡片、例行汇报、汇总）使用的语言',
  'language.set': ':speech_balloon: 从现在起，Accord 将使用{language}回复您。',
  'language.auto':
    ':speech_balloon: Accord 将重新为您选择语言：如果您的 Slack 语言是中文则用中文，否则依次使用您所在合作伙伴、项目或整个合作伙伴体系的语言。目前为{language}。',
  'language.missing': '请指定一种语言：{languages}，或用 `auto` 让 Accord 自动选择。',
  'language.unknown': 'Accord 不支持 `{typed}`。可用语言：{languages}，或 `auto`。',
  'language.partnerSet': ':speech_balloon: {partner} 中尚未自行选择语言的成员将看到{language}。',
  'language.partnerCleared':
    ':speech_balloon: {partner} 已不再设置专属语言；其成员如未自行选择，将使用整个合作伙伴体系的语言（{language}）。',
  'language.projectSet': ':speech_balloon: `{project}` 频道中的共享消息将使用{language}。',
  'language.projectCleared':
    ':speech_balloon: `{project}` 已不再设置专属语言：其频道将使用整个合作伙伴体系的语言（{language}）。',
  'language.nothingToSet': '请说明要设置的内容：`lang=<语言>`（{languages}，或 `auto`）。',
  'language.noProjectOwner': '只有厂商管理员和项目负责人（<@{owner}>）可以更改项目的语言。',
};
