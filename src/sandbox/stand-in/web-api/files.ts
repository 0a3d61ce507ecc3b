import { jsonish, str, type Args, type WebApiMethod } from '../args';
import { SlackApiError } from '../errors';
import type { StandInStore } from '../store';
import type { StandInFile, StandInMessage } from '../types';
import { writableChannel } from './lookups';

/** files.*: Slack's two-step upload (an upload URL, then completeUploadExternal to share) and files.info. The upload URL itself is the server's. */

function uploadUrl(s: StandInStore, args: Args): Record<string, unknown> {
  const filename = str(args.filename);
  const length = String(args.length ?? '');
  if (!filename || !/^[1-9]\d*$/.test(length)) throw new SlackApiError('invalid_arguments');
  const id = s.newId('F');
  s.files.set(id, { id, filename, title: filename, length: Number(length), content: undefined, channels: [] });
  return { upload_url: `${s.baseUrl}/upload/${id}`, file_id: id };
}

/** Shares the uploaded files in `channel_id`: one message with `initial_comment` and the files. */
function completeUpload(s: StandInStore, args: Args): Record<string, unknown> {
  const declared = jsonish<unknown>(args.files);
  if (!Array.isArray(declared) || declared.length === 0) throw new SlackApiError('invalid_arguments');
  const files = declared.map((d: unknown) => {
    const { id, title } = (d ?? {}) as { id?: unknown; title?: unknown };
    const file = s.files.get(str(id) ?? '');
    if (!file) throw new SlackApiError('file_not_found');
    if (file.content?.length !== file.length) throw new SlackApiError('invalid_arguments');
    return { file, title: str(title) };
  });
  const channel = str(args.channel_id) ? writableChannel(s, { channel: args.channel_id }) : undefined;
  for (const { file, title } of files) if (title) file.title = title;
  if (channel) {
    for (const { file } of files) if (!file.channels.includes(channel.id)) file.channels.push(channel.id);
    const text = typeof args.initial_comment === 'string' ? args.initial_comment : '';
    const shared = files.map(({ file: f }) => ({
      id: f.id,
      name: f.filename,
      title: f.title,
      text: f.content?.toString('utf8') ?? '',
    }));
    const message: StandInMessage = { channel: channel.id, ts: s.nextTs(), user: s.botUserId, text, files: shared };
    s.addMessage(message);
    s.emit('message', message);
  }
  return { files: files.map(({ file }) => fileJson(s, file)) };
}

/** Slack's file object: where it is shared (`channels`, `groups`, `ims`) and each share's ts. */
function fileJson(s: StandInStore, f: StandInFile): Record<string, unknown> {
  const byKind = (prefix: string) => f.channels.filter((c) => c.startsWith(prefix));
  const sharesIn = (ids: string[]) =>
    Object.fromEntries(
      ids.map((c) => [
        c,
        s.messages.filter((m) => m.channel === c && m.files?.some((x) => x.id === f.id)).map((m) => ({ ts: m.ts })),
      ]),
    );
  const publicIds = byKind('C');
  const privateIds = f.channels.filter((c) => !c.startsWith('C'));
  return {
    id: f.id,
    name: f.filename,
    title: f.title,
    size: f.length,
    channels: publicIds,
    groups: byKind('G'),
    ims: byKind('D'),
    shares: {
      ...(publicIds.length ? { public: sharesIn(publicIds) } : {}),
      ...(privateIds.length ? { private: sharesIn(privateIds) } : {}),
    },
  };
}

function info(s: StandInStore, args: Args): Record<string, unknown> {
  const file = s.files.get(str(args.file) ?? '');
  if (!file) throw new SlackApiError('file_not_found');
  return { file: fileJson(s, file) };
}

export const files: Readonly<Record<string, WebApiMethod>> = {
  'files.getUploadURLExternal': uploadUrl,
  'files.completeUploadExternal': completeUpload,
  'files.info': info,
};
