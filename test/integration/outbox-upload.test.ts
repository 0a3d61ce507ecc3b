import { eq } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { auditEvents, slackOutbox } from '../../src/db/schema';
import { silentLogger } from '../../src/logger';
import { renderMessage } from '../../src/sandbox/render';
import { createWebApi } from '../../src/outbound/web-api';
import { drivers } from '../../src/testkit/databases';
import { useOutboxRig } from '../../src/testkit/outbox-rig';
import { BOT_TOKEN, people, PINNED_START } from '../../src/testkit/world';

// Non-ASCII letters take two bytes in UTF-8, and a quoted field carries a comma: the bytes in
// Slack must be exactly these, and `length` must count bytes, not characters.
const CSV = 'partner,city,amount\r\n"Ünited, Ltd",Zürich,12.50\r\nacme,Bern,3.00\r\n';
const FILE = { filename: 'settlement-2026-03.csv', title: 'Settlement 2026-03', content: CSV };

describe.each(drivers)('Slack outbox file uploads (%s)', (driver) => {
  const rig = useOutboxRig(driver);

  const slackMethods = () => rig.standIn.calls.map((c) => c.method);
  const sharingMessages = (channel: string) =>
    rig.standIn.messagesIn(channel).filter((m) => m.files && m.files.length > 0);

  it('uploads the exact bytes in three steps and shares them with the comment', async () => {
    await rig.gateway.uploadFile(rig.database.db, 'C0ONE', FILE, { initialComment: 'Statements for *2026-03*.' });
    const [queued] = await rig.rows();
    expect(queued).toMatchObject({
      lane: 'channel:C0ONE',
      method: 'files.upload',
      payload: { channel: 'C0ONE', ...FILE, initial_comment: 'Statements for *2026-03*.' },
    });

    expect(await rig.workerFor().deliverDue()).toBe(1);

    expect(slackMethods()).toEqual(['files.getUploadURLExternal', 'upload', 'files.completeUploadExternal']);
    const bytes = Buffer.byteLength(CSV, 'utf8');
    expect(bytes).toBeGreaterThan(CSV.length);
    expect(rig.standIn.callsTo('files.getUploadURLExternal')[0]?.args).toMatchObject({
      filename: FILE.filename,
      length: String(bytes),
    });
    expect(JSON.parse(String(rig.standIn.callsTo('files.completeUploadExternal')[0]?.args.files))).toEqual([
      { id: expect.stringMatching(/^F/), title: FILE.title },
    ]);

    const [file] = rig.standIn.filesIn('C0ONE');
    expect(rig.standIn.filesIn('C0ONE')).toHaveLength(1);
    expect(file).toMatchObject({ filename: FILE.filename, title: FILE.title, length: bytes, content: CSV });
    expect(rig.standIn.files.get(file?.id ?? '')?.content?.equals(Buffer.from(CSV, 'utf8'))).toBe(true);

    const [message] = rig.standIn.messagesIn('C0ONE');
    expect(message).toMatchObject({
      text: 'Statements for *2026-03*.',
      files: [expect.objectContaining({ id: file?.id, name: FILE.filename })],
    });
    expect((await rig.rows())[0]).toMatchObject({
      status: 'sent',
      attempts: 1,
      result: { channel: 'C0ONE', file_id: file?.id, ts: message?.ts },
    });

    // A sandbox user sees the comment, the file and, for a short CSV, its lines.
    const lines = renderMessage(message ?? { text: '' }, { user: () => undefined, channel: () => undefined }, () => 0);
    expect(lines).toEqual([
      'Statements for *2026-03*.',
      '📎 Settlement 2026-03 (settlement-2026-03.csv)',
      '```',
      'partner,city,amount',
      '"Ünited, Ltd",Zürich,12.50',
      'acme,Bern,3.00',
      '```',
    ]);
  });

  it('keeps its place among the channel’s messages and is paced like one', async () => {
    await rig.gateway.postMessage(rig.database.db, 'C0ONE', { text: 'before' });
    await rig.gateway.uploadFile(rig.database.db, 'C0ONE', FILE);
    await rig.gateway.postMessage(rig.database.db, 'C0ONE', { text: 'after' });
    const worker = rig.workerFor();
    await worker.deliverDue();
    expect(rig.standIn.messagesIn('C0ONE').map((m) => m.text)).toEqual(['before']);
    expect(rig.standIn.callsTo('files.getUploadURLExternal')).toHaveLength(0);
    rig.clock.advance(1000);
    await worker.deliverDue();
    expect(rig.standIn.filesIn('C0ONE')).toHaveLength(1);
    // The shared file is a message in the channel, so the next one waits its second too.
    rig.clock.advance(999);
    await worker.deliverDue();
    expect(rig.standIn.messagesIn('C0ONE')).toHaveLength(2);
    rig.clock.advance(1);
    await worker.deliverDue();
    expect(rig.standIn.messagesIn('C0ONE').map((m) => [m.text, m.files?.map((f) => f.name) ?? []])).toEqual([
      ['before', []],
      ['', [FILE.filename]],
      ['after', []],
    ]);
  });

  it.each([
    { fault: { status: 500 as const }, lastError: 'HTTP 500' },
    { fault: { delayMs: 800 }, lastError: 'timeout after 500 ms' },
  ])('retries after $lastError on the byte upload and shares one file, not two', async ({ fault, lastError }) => {
    await rig.gateway.uploadFile(rig.database.db, 'C0ONE', FILE, { initialComment: 'again' });
    rig.standIn.inject('upload', fault);
    const worker = rig.workerFor();
    await worker.deliverDue();
    // A slow upload still arrives after the client gave up; let it land before going on.
    await vi.waitFor(() => expect(rig.standIn.callsTo('upload')).toHaveLength(1), { timeout: 2000 });
    const [abandoned] = [...rig.standIn.files.keys()];
    expect((await rig.rows())[0]).toMatchObject({
      status: 'pending',
      attempts: 1,
      lastError,
      result: { channel: 'C0ONE', file_id: abandoned },
    });
    expect(rig.standIn.callsTo('files.completeUploadExternal')).toHaveLength(0);

    rig.clock.advance(60_000);
    await worker.deliverDue();
    // The recorded file was looked up, found unshared, and the upload started over.
    expect(rig.standIn.callsTo('files.info').map((c) => c.args.file)).toEqual([abandoned]);
    expect(rig.standIn.callsTo('files.getUploadURLExternal')).toHaveLength(2);
    expect(rig.standIn.filesIn('C0ONE')).toEqual([expect.objectContaining({ content: CSV })]);
    expect(sharingMessages('C0ONE')).toHaveLength(1);
    expect((await rig.rows())[0]).toMatchObject({
      status: 'sent',
      attempts: 2,
      result: { file_id: rig.standIn.filesIn('C0ONE')[0]?.id },
    });
  });

  it.each(['files.completeUploadExternal', 'upload'])('honours 429 Retry-After on %s', async (step) => {
    await rig.gateway.uploadFile(rig.database.db, 'C0ONE', FILE);
    rig.standIn.inject(step, { status: 429, retryAfter: 5 });
    const worker = rig.workerFor();
    await worker.deliverDue();
    const [waiting] = await rig.rows();
    expect(waiting).toMatchObject({ status: 'pending', attempts: 0 });
    expect(waiting?.nextAttemptAt.getTime()).toBe(PINNED_START.getTime() + 5000);
    expect(rig.standIn.filesIn('C0ONE')).toHaveLength(0);
    rig.clock.advance(4999);
    expect(await worker.deliverDue()).toBe(0);
    rig.clock.advance(1);
    expect(await worker.deliverDue()).toBe(1);
    expect((await rig.rows())[0]?.status).toBe('sent');
    expect(rig.standIn.filesIn('C0ONE')).toHaveLength(1);
    expect(sharingMessages('C0ONE')).toHaveLength(1);
  });

  it('does not share twice when Slack completed the upload but the answer was lost', async () => {
    await rig.gateway.uploadFile(rig.database.db, 'C0ONE', FILE, { initialComment: 'once only' });
    // The stand-in completes the upload, then answers too late for the client's 500 ms timeout.
    rig.standIn.inject('files.completeUploadExternal', { delayMs: 800 });
    const worker = rig.workerFor();
    await worker.deliverDue();
    expect((await rig.rows())[0]).toMatchObject({ status: 'pending', attempts: 1 });
    await new Promise((r) => setTimeout(r, 400));
    const [file] = rig.standIn.filesIn('C0ONE');
    expect(file).toBeDefined();

    rig.clock.advance(60_000);
    await worker.deliverDue();
    expect(rig.standIn.callsTo('files.info')).toHaveLength(1);
    expect(rig.standIn.callsTo('files.getUploadURLExternal')).toHaveLength(1);
    expect(rig.standIn.filesIn('C0ONE')).toHaveLength(1);
    expect(sharingMessages('C0ONE')).toHaveLength(1);
    expect((await rig.rows())[0]).toMatchObject({
      status: 'sent',
      attempts: 2,
      result: { channel: 'C0ONE', file_id: file?.id, ts: sharingMessages('C0ONE')[0]?.ts },
    });
  });

  it('takes over an upload a crashed worker completed but never recorded as sent', async () => {
    const ref = await rig.gateway.uploadFile(rig.database.db, 'C0ONE', FILE);
    // Simulate the crash: the worker recorded the file id, Slack shared the file, the worker died.
    const slack = createWebApi({ token: BOT_TOKEN, apiUrl: rig.standIn.apiUrl, log: silentLogger, timeoutMs: 500 });
    const ticket = await slack.call('files.getUploadURLExternal', {
      filename: FILE.filename,
      length: Buffer.byteLength(CSV),
    });
    const fileId = String(ticket.file_id);
    const recorded = { channel: 'C0ONE', file_id: fileId };
    await rig.database.db
      .update(slackOutbox)
      .set({
        status: 'sending',
        attempts: 1,
        leaseUntil: new Date(rig.clock.now().getTime() + 30_000),
        result: recorded,
      })
      .where(eq(slackOutbox.id, ref.outboxId));
    await slack.uploadBytes(String(ticket.upload_url), Buffer.from(CSV, 'utf8'));
    await slack.call('files.completeUploadExternal', {
      files: JSON.stringify([{ id: fileId, title: FILE.title }]),
      channel_id: 'C0ONE',
    });

    expect(await rig.workerFor({ leaseMs: 30_000 }).deliverDue()).toBe(0);
    rig.clock.advance(30_001);
    expect(await rig.workerFor().deliverDue()).toBe(1);
    expect((await rig.rows())[0]).toMatchObject({ status: 'sent', attempts: 2, result: { file_id: fileId } });
    expect(rig.standIn.callsTo('files.getUploadURLExternal')).toHaveLength(1);
    expect(rig.standIn.files.size).toBe(1);
    expect(sharingMessages('C0ONE')).toHaveLength(1);
  });

  it.each([
    { error: 'not_in_channel', channel: { id: 'C0OUT', name: 'outside', botIsMember: false }, says: 'not a member' },
    { error: 'is_archived', channel: { id: 'C0ARCH', name: 'archived', isArchived: true }, says: 'archived' },
  ])('fails for good on $error and tells the person responsible', async ({ error, channel, says }) => {
    rig.standIn.addChannel(channel);
    await rig.gateway.uploadFile(rig.database.db, channel.id, FILE, {
      initialComment: 'too late',
      reportTo: people.victor.id,
    });
    const worker = rig.workerFor();
    await worker.deliverDue();
    expect((await rig.rows())[0]).toMatchObject({ status: 'failed', lastError: error });
    expect(rig.standIn.filesIn(channel.id)).toEqual([]);
    expect(rig.standIn.messagesIn(channel.id)).toEqual([]);
    const audit = await rig.database.db.select().from(auditEvents);
    expect(audit).toEqual([
      expect.objectContaining({
        action: 'slack_message.failed',
        data: expect.objectContaining({ method: 'files.upload', error }),
      }),
    ]);
    await worker.deliverDue();
    const dm = rig.standIn.messagesIn('D0VICTOR');
    expect(dm).toHaveLength(1);
    expect(dm[0]?.text).toContain(says);
    expect(dm[0]?.text).toContain(`<#${channel.id}>`);
    expect(dm[0]?.text).toContain(`The file \`${FILE.filename}\` (${FILE.title}) was not shared.`);
  });

  it('treats a 4xx from the upload URL as permanent, without retrying', async () => {
    await rig.gateway.uploadFile(rig.database.db, 'C0ONE', FILE, { reportTo: people.victor.id });
    rig.standIn.inject('upload', { error: 'too_large' });
    const worker = rig.workerFor();
    await worker.deliverDue();
    expect((await rig.rows())[0]).toMatchObject({ status: 'failed', attempts: 1, lastError: 'http_400' });
    expect(rig.standIn.callsTo('files.completeUploadExternal')).toHaveLength(0);
    await worker.deliverDue();
    expect(rig.standIn.messagesIn('D0VICTOR')[0]?.text).toContain('`http_400`');
  });
});
