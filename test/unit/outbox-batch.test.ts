import { describe, expect, it } from 'vitest';
import { afterCalls, available, chooseBatch, type LaneCandidate } from '../../src/outbound/outbox-batch';
import { pacedPerChannel } from '../../src/outbound/outbox-retry';

const row = (id: number, lane: string, over: Partial<LaneCandidate> = {}): LaneCandidate => ({
  id,
  lane,
  method: 'chat.postMessage',
  ready: true,
  refSettled: true,
  methodPaced: false,
  ...over,
});
const rules = { perLane: 3, batchSize: 50, channelPaced: false, pacedPerChannel };
const ids = (rows: LaneCandidate[]) => rows.map((r) => r.id);

describe('chooseBatch', () => {
  it('takes up to perLane consecutive rows of each lane, and no more than batchSize in all', () => {
    const lanes = [[1, 2, 3, 4].map((id) => row(id, 'a')), [5, 6].map((id) => row(id, 'b'))];
    expect(ids(chooseBatch(lanes, rules, new Map()).chosen)).toEqual([1, 2, 3, 5, 6]);
    expect(ids(chooseBatch(lanes, { ...rules, batchSize: 4 }, new Map()).chosen)).toEqual([1, 2, 3, 5]);
  });

  it('cuts a lane at its first row that may not go: not due, its ref unsettled, or its method told to wait', () => {
    for (const over of [{ ready: false }, { refSettled: false }, { methodPaced: true }]) {
      const lane = [row(1, 'a'), row(2, 'a', over), row(3, 'a')];
      expect(ids(chooseBatch([lane], rules, new Map()).chosen)).toEqual([1]);
    }
  });

  it('with per-channel pacing, ends a lane with its first post, after the invitations before it', () => {
    const lane = [
      row(1, 'a', { method: 'conversations.invite' }),
      row(2, 'a'),
      row(3, 'a', { method: 'conversations.invite' }),
    ];
    expect(ids(chooseBatch([lane], { ...rules, channelPaced: true }, new Map()).chosen)).toEqual([1, 2]);
  });

  it("stops each lane's rate-limited method when the workspace's allowance is used, and says which", () => {
    const lanes = [[row(1, 'a'), row(2, 'a')], [row(3, 'b', { method: 'views.publish' })], [row(4, 'c')]];
    const { chosen, held } = chooseBatch(lanes, rules, new Map([['chat.postMessage', 1]]));
    expect(ids(chosen)).toEqual([1, 3]);
    expect([...held]).toEqual(['chat.postMessage']);
  });
});

describe('the workspace bucket', () => {
  const at = (ms: number) => new Date(ms);

  it('lets a quarter of a second through at first, then one call per interval', () => {
    const fresh = { perSecond: 100, nextAt: undefined };
    expect(available(fresh, at(10_000))).toBe(25);
    const next = afterCalls(fresh, at(10_000), 25);
    expect(available({ perSecond: 100, nextAt: next }, at(10_000))).toBe(0);
    expect(available({ perSecond: 100, nextAt: next }, at(10_010))).toBe(1);
    expect(available({ perSecond: 100, nextAt: next }, at(10_035))).toBe(3);
    // A long quiet spell does not save up more than the burst.
    expect(available({ perSecond: 100, nextAt: next }, at(20_000))).toBe(25);
  });

  it('never lets more through over a span than the rate allows, plus the burst', () => {
    let bucket = { perSecond: 7, nextAt: undefined as Date | undefined };
    let sent = 0;
    for (let t = 0; t <= 10_000; t += 13) {
      const n = available(bucket, at(t));
      bucket = { ...bucket, nextAt: afterCalls(bucket, at(t), n) };
      sent += n;
      expect(sent).toBeLessThanOrEqual(1 + Math.floor((t * 7) / 1000));
    }
    expect(sent).toBeGreaterThanOrEqual(70);
  });
});
