/**
 * The words that acknowledge or resolve an escalation when a thread reply starts with them, per
 * language, as data: the grammar (thread-reply.ts) reads them, and the help lists them. Every list
 * is accepted in every escalation whatever the project's language, because a partner's people
 * write in their own. Each list's first entry is the one to show.
 *
 * The words are written with their diacritics; a reply may leave any of them off, letter by
 * letter (`da nhan`, `sanemts`, `na karba`), and may arrive composed or decomposed. The words of a
 * phrase may be separated by any whitespace. Every word here is short and says one thing, so that
 * it does not open an ordinary question or sentence by accident; what may follow a word (and so
 * what makes a question or a sentence of it) is the grammar's business.
 */
export type ThreadLanguage = 'en' | 'zh-CN' | 'vi' | 'lv' | 'ha';

export interface ThreadWordList {
  readonly acknowledge: readonly string[];
  readonly resolve: readonly string[];
}

function list(acknowledge: readonly string[], resolve: readonly string[]): ThreadWordList {
  return Object.freeze({ acknowledge: Object.freeze([...acknowledge]), resolve: Object.freeze([...resolve]) });
}

export const threadWords: Readonly<Record<ThreadLanguage, ThreadWordList>> = Object.freeze({
  /** English: the words Accord has always read. */
  en: list(['ack', 'acked', 'acknowledged', 'on it'], ['resolved']),
  /**
   * Simplified Chinese. Acknowledge: 收到 "got it", 已收到 "received", 确认 / 已确认 "confirmed",
   * 在处理 / 正在处理 "handling it", 处理中 "in progress". Resolve: 已解决 "resolved", 已修复 "fixed",
   * 已处理 "handled", 解决了 "solved". Written without spaces, so a character straight after one of
   * them makes a different word (在处理器 "in the processor", 确认一下 "please confirm").
   */
  'zh-CN': list(
    ['收到', '已收到', '确认', '已确认', '在处理', '正在处理', '处理中'],
    ['已解决', '已修复', '已处理', '解决了'],
  ),
  /**
   * Vietnamese. Acknowledge: "đã nhận" "received", "đã xác nhận" "confirmed", "đang xử lý"
   * "handling it". Resolve: "đã xử lý" "handled", "đã giải quyết" "resolved", "đã khắc phục"
   * "fixed". Often typed without diacritics on phones: "da nhan", "dang xu ly", "da xu ly".
   */
  vi: list(['đã nhận', 'đã xác nhận', 'đang xử lý'], ['đã xử lý', 'đã giải quyết', 'đã khắc phục']),
  /**
   * Latvian. Acknowledge: saņemts "received", saņemu "got it", apstiprinu "I confirm", "strādāju pie
   * tā" "working on it". Resolve: atrisināts "resolved", novērsts "eliminated" (of a fault),
   * izlabots "fixed", salabots "repaired". Often typed without diacritics: sanemts, atrisinats.
   */
  lv: list(['saņemts', 'saņemu', 'apstiprinu', 'strādāju pie tā'], ['atrisināts', 'novērsts', 'izlabots', 'salabots']),
  /**
   * Hausa. Acknowledge: "na karɓa" "I received (it)", "an karɓa" "it is received", "ina kai" "I am
   * on it". Resolve: "an warware" "it is resolved", "an gyara" "it is fixed", "an magance" "it is
   * dealt with". ɓ is often typed as b: "na karba".
   */
  ha: list(['na karɓa', 'an karɓa', 'ina kai'], ['an warware', 'an gyara', 'an magance']),
});
