import { describe, expect, it } from 'vitest';
import { CommitOutcomeUnknownError, isCommitOutcomeUnknown, isDatabaseUnavailable } from '../../src/db/client';
import { silentLogger } from '../../src/logger';
import { commitOutcomeUnknownReply, databaseUnavailableReply } from '../../src/messages/replies';
import { replyForError } from '../../src/slack/pipeline';

const withCode = (code: string) => Object.assign(new Error(`failed: ${code}`), { code });

describe('isDatabaseUnavailable', () => {
  it.each(['CONNECTION_CLOSED', 'CONNECT_TIMEOUT', 'ECONNREFUSED', 'ECONNRESET', '57P01', '08006', '08001'])(
    'recognises %s, also wrapped as drizzle wraps query errors',
    (code) => {
      expect(isDatabaseUnavailable(withCode(code))).toBe(true);
      expect(isDatabaseUnavailable(Object.assign(new Error('Failed query: select 1'), { cause: withCode(code) }))).toBe(
        true,
      );
    },
  );

  it('leaves other failures alone', () => {
    expect(isDatabaseUnavailable(withCode('23505'))).toBe(false); // unique violation
    expect(isDatabaseUnavailable(new TypeError('x is undefined'))).toBe(false);
    expect(isDatabaseUnavailable(undefined)).toBe(false);
    expect(isDatabaseUnavailable('CONNECTION_CLOSED')).toBe(false);
  });
});

describe('a connection lost while a transaction was being committed', () => {
  const lost = new CommitOutcomeUnknownError(withCode('CONNECTION_CLOSED'));

  it('still counts as the database being unavailable, for the jobs and the outbox', () => {
    expect(isCommitOutcomeUnknown(lost)).toBe(true);
    expect(isDatabaseUnavailable(lost)).toBe(true);
    expect(isCommitOutcomeUnknown(withCode('CONNECTION_CLOSED'))).toBe(false);
  });

  it('is not answered with "nothing was changed": the change may have been saved', () => {
    const reply = replyForError(lost, silentLogger, { subcommand: 'escalate' });
    expect(reply.text).toBe(commitOutcomeUnknownReply().text);
    expect(reply.text).toContain('cannot tell whether it was saved');
    expect(reply.text).not.toContain('nothing was changed');
    // A connection lost before the COMMIT keeps the plain try-again reply, which is then true.
    expect(replyForError(withCode('CONNECTION_CLOSED'), silentLogger, {}).text).toBe(databaseUnavailableReply().text);
  });
});
