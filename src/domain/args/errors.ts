import { escapeText } from '../../messages/mrkdwn';
import { unescapeSlack } from './slack-markup';

/** Thrown for text the user has to fix; the message is meant to be shown to them as is. */
export class ArgsSyntaxError extends Error {
  override name = 'ArgsSyntaxError';
  /** Where the item that could not be read starts, so the words before it can still be read. */
  readonly at: number | undefined;

  constructor(message: string, options?: ErrorOptions & { at?: number }) {
    super(message, options);
    this.at = options?.at;
  }
}

const PREVIEW_LENGTH = 20;

/**
 * A short, single-line, code-point-safe excerpt for error messages, escaped again for mrkdwn so
 * that typed text (`&lt;!channel&gt;`) or markup (`<!here>`, `<https://…|label>`) stays inert.
 */
export function preview(text: string): string {
  // Bounded before any real work so a megabyte of input costs nothing here.
  const head = unescapeSlack(text.slice(0, PREVIEW_LENGTH * 4)).replace(/\s+/g, ' ');
  const points = Array.from(head);
  const cut = points.slice(0, PREVIEW_LENGTH).join('').trim();
  const shown = points.length > PREVIEW_LENGTH || text.length > PREVIEW_LENGTH * 4 ? `${cut}…` : cut;
  return escapeText(shown);
}
