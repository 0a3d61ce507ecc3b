import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

/**
 * Slack's side of Socket Mode, for tests: greets with `hello`, sends envelopes and collects the
 * client's acknowledgements (which carry the response payload, e.g. a slash command's reply).
 */
export class SocketModeServer {
  private wss: WebSocketServer | undefined;
  private socket: WebSocket | undefined;
  private readonly acks = new Map<string, (payload: Record<string, unknown> | undefined) => void>();
  private connected: Promise<void> = Promise.resolve();

  async start(): Promise<string> {
    let onConnected: () => void = () => undefined;
    this.connected = new Promise((resolve) => (onConnected = resolve));
    this.wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    this.wss.on('connection', (socket) => {
      this.socket = socket;
      socket.on('message', (data: Buffer) => {
        const message = JSON.parse(data.toString()) as { envelope_id?: string; payload?: Record<string, unknown> };
        if (message.envelope_id) this.acks.get(message.envelope_id)?.(message.payload);
      });
      socket.send(JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A0ACCORD' } }));
      onConnected();
    });
    await new Promise<void>((resolve) => this.wss?.on('listening', () => resolve()));
    return `ws://127.0.0.1:${(this.wss.address() as AddressInfo).port}/link`;
  }

  whenConnected(): Promise<void> {
    return this.connected;
  }

  /** Sends an envelope and resolves with the payload of the client's acknowledgement. */
  send(
    type: 'slash_commands' | 'events_api' | 'interactive',
    payload: Record<string, unknown>,
  ): Promise<Record<string, unknown> | undefined> {
    const envelopeId = randomUUID();
    const acked = new Promise<Record<string, unknown> | undefined>((resolve) => this.acks.set(envelopeId, resolve));
    this.socket?.send(
      JSON.stringify({
        envelope_id: envelopeId,
        type,
        payload,
        accepts_response_payload: type !== 'events_api',
        retry_attempt: 0,
        retry_reason: '',
      }),
    );
    return acked;
  }

  async stop(): Promise<void> {
    for (const client of this.wss?.clients ?? []) client.terminate();
    await new Promise<void>((resolve) => (this.wss ? this.wss.close(() => resolve()) : resolve()));
  }
}
