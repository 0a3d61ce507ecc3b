import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { jsonish, str, type Args } from './args';
import { SlackApiError } from './errors';
import * as partnerSide from './partner-side';
import { StandInStore } from './store';
import type { Answer, StandInEvent } from './types';
import { webApiMethods } from './web-api';

/**
 * A local stand-in for the Slack Web API: answers the methods Accord uses the way Slack does,
 * keeps the workspace state (channels, messages, views), records every call, and can be told to
 * fail (429 with Retry-After, 5xx, `ok: false` errors, slow answers). Tests and the sandbox both
 * drive the real Accord against it. It listens on 127.0.0.1 only.
 *
 * This is its HTTP side: /api/<method> (the table in ./web-api), the upload URLs of
 * files.getUploadURLExternal, and response_urls. The state is ./store's.
 */
export class SlackStandIn extends StandInStore {
  private server: Server | undefined;
  private responseCounter = 0;

  get apiUrl(): string {
    return `${this.baseUrl}/api/`;
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    this.server = undefined;
  }

  /** A fresh response_url, as Slack puts in every slash command and interaction payload. */
  newResponseUrl(): string {
    this.responseCounter += 1;
    return `${this.baseUrl}/response/${this.responseCounter}`;
  }

  // ---- Slack Connect: the other organisation's side (./partner-side) -------------------------

  /**
   * The invitee (`userId`, of another team) accepts. Slack then sends shared_channel_invite_accepted
   * and, unless an admin must approve first, connects the channel: channel_shared (the first time
   * that team joins it) and member_joined_channel. Returns the events in the order Slack sends them.
   * https://docs.slack.dev/reference/events/shared_channel_invite_accepted
   */
  acceptInvitation(inviteId: string, userId: string): StandInEvent[] {
    return partnerSide.acceptInvitation(this, inviteId, userId);
  }

  /** An admin approves an accepted invitation: shared_channel_invite_approved, then the connection. */
  approveInvitation(inviteId: string, approvingTeamId = this.teamId): StandInEvent[] {
    return partnerSide.approveInvitation(this, inviteId, approvingTeamId);
  }

  /** The invitee declines: shared_channel_invite_declined, and the channel stays as it was. */
  declineInvitation(inviteId: string, userId: string): StandInEvent[] {
    return partnerSide.declineInvitation(this, inviteId, userId);
  }

  /** The other organisation stops sharing the channel: its people leave it, channel_unshared. */
  unshareChannel(channelId: string, teamId: string): StandInEvent[] {
    return partnerSide.unshareChannel(this, channelId, teamId);
  }

  // ---- HTTP ---------------------------------------------------------------------------------

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const bytes = Buffer.concat(chunks);
    const raw = bytes.toString('utf8');
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (path.startsWith('/upload/')) {
      const fileId = decodeURIComponent(path.slice('/upload/'.length));
      const answer = await this.receiveUpload(fileId, bytes);
      this.calls.push({
        method: 'upload',
        args: { file_id: fileId, length: bytes.length },
        status: answer.status,
        response: answer.body,
        at: Date.now(),
      });
      this.reply(res, answer);
      return;
    }
    if (path.startsWith('/response/')) {
      const body = jsonish<Record<string, unknown>>(raw) ?? {};
      const recorded = { id: path.slice('/response/'.length), body };
      this.responses.push(recorded);
      this.emit('response', recorded);
      this.reply(res, { status: 200, body: { ok: true } });
      return;
    }
    if (!path.startsWith('/api/')) {
      this.reply(res, { status: 404, body: { ok: false, error: 'not_found' } });
      return;
    }
    const method = path.slice('/api/'.length);
    const args = this.parseArgs(raw, req.headers['content-type']);
    const answer = await this.answer(method, args, req.headers.authorization);
    this.calls.push({ method, args, status: answer.status, response: answer.body, at: Date.now() });
    this.emit('call', method, args, answer);
    this.reply(res, answer);
  }

  private reply(res: ServerResponse, answer: Answer): void {
    if (res.destroyed) return;
    res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
    res.end(JSON.stringify(answer.body));
  }

  private parseArgs(raw: string, contentType: string | undefined): Args {
    if (contentType?.includes('application/json')) return jsonish<Args>(raw) ?? {};
    return Object.fromEntries(new URLSearchParams(raw));
  }

  /** The answer an injected fault forces, if any; a `delayMs` fault only waits, then the call goes on. */
  private async faulted(method: string, errorStatus = 200): Promise<Answer | undefined> {
    const fault = this.faults.get(method)?.shift();
    if (!fault) return undefined;
    if ('delayMs' in fault) await new Promise((r) => setTimeout(r, fault.delayMs));
    else if ('error' in fault) return { status: errorStatus, body: { ok: false, error: fault.error } };
    else if (fault.status === 429)
      return {
        status: 429,
        body: { ok: false, error: 'ratelimited' },
        headers: { 'retry-after': String(fault.retryAfter) },
      };
    else return { status: fault.status, body: { ok: false, error: 'internal_error' } };
    return undefined;
  }

  /** The upload URL of files.getUploadURLExternal: takes the file's raw bytes. */
  private async receiveUpload(fileId: string, bytes: Buffer): Promise<Answer> {
    const forced = await this.faulted('upload', 400);
    if (forced) return forced;
    const file = this.files.get(fileId);
    if (!file) return { status: 404, body: { ok: false, error: 'file_not_found' } };
    file.content = bytes;
    return { status: 200, body: { ok: true, length: bytes.length } };
  }

  private async answer(method: string, args: Args, authorization: string | undefined): Promise<Answer> {
    const forced = await this.faulted(method);
    if (forced) return forced;
    const token = authorization?.replace(/^Bearer\s+/i, '') ?? str(args.token);
    if (method === 'apps.connections.open') {
      if (token !== this.appToken) return { status: 200, body: { ok: false, error: 'invalid_auth' } };
      if (!this.socketModeUrl) return { status: 200, body: { ok: false, error: 'internal_error' } };
      return { status: 200, body: { ok: true, url: this.socketModeUrl } };
    }
    if (token !== this.botToken)
      return { status: 200, body: { ok: false, error: token ? 'invalid_auth' : 'not_authed' } };
    if (method === 'chat.postMessage' && !this.admitPost(str(args.channel) ?? '')) {
      return { status: 429, body: { ok: false, error: 'ratelimited' }, headers: { 'retry-after': '1' } };
    }
    try {
      return { status: 200, body: { ok: true, ...this.dispatch(method, args) } };
    } catch (err) {
      if (err instanceof SlackApiError) return { status: 200, body: { ok: false, error: err.error } };
      return { status: 500, body: { ok: false, error: 'internal_error' } };
    }
  }

  private dispatch(method: string, args: Args): Record<string, unknown> {
    const handler = webApiMethods.get(method);
    if (!handler) throw new SlackApiError('unknown_method');
    return handler(this, args);
  }
}
