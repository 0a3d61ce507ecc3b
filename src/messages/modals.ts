import type { View } from '@slack/types';
import { section, truncate } from './mrkdwn';

// Slack caps a modal's title at 24 characters.
const TITLE_LIMIT = 24;
const plain = (text: string) => ({ type: 'plain_text' as const, text: truncate(text, TITLE_LIMIT) });

/**
 * What a modal shows between its views.open (inside Slack's three-second trigger window, before any
 * database work) and the views.update that fills it in.
 */
export function loadingModal(title: string): View {
  return {
    type: 'modal',
    title: plain(title),
    close: plain('Cancel'),
    blocks: [section(':hourglass_flowing_sand: Loading…')],
  };
}

/** A modal that only tells something (a refusal, or why the form cannot be used). */
export function noticeModal(title: string, mrkdwn: string): View {
  return { type: 'modal', title: plain(title), close: plain('Close'), blocks: [section(mrkdwn)] };
}
