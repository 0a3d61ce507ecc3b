import { formatDuration, parseDuration } from '../../../domain/duration';
import { formatTime, preview } from '../lines';
import { parseStartTime } from '../parse';
import type { Session } from '../session';

/** advance and time: the simulated clock, which moves only when told. */

// A job that keeps rescheduling itself inside the window must not hang `advance`.
const MAX_CLOCK_STEPS = 10_000;

/** Moves through each due job's time in turn, so what Accord posts carries the time it fell due. */
export async function advance(s: Session, rest: string): Promise<string[]> {
  const ms = parseDuration(rest);
  if (ms === undefined)
    return [`“${preview(rest)}” is not a duration. Type e.g. advance 30m, advance 2h, advance 1d or advance 1h30m.`];
  const target = s.clock.now().getTime() + ms;
  const out: string[] = [];
  for (let step = 0; step < MAX_CLOCK_STEPS; step += 1) {
    const due = await s.nextDueAt(target);
    if (due === undefined || due <= s.clock.now().getTime()) break;
    s.clock.advance(due - s.clock.now().getTime());
    out.push(...s.stamped(await s.settleAndFlush()));
  }
  s.clock.advance(target - s.clock.now().getTime());
  out.push(...s.stamped(await s.settleAndFlush()));
  const summary = `Time is now ${formatTime(s.clock.now())} (${formatDuration(ms)} later)`;
  return [...out, out.length > 0 ? `${summary}.` : `${summary}; nothing was due.`];
}

export function time(s: Session, rest: string): string[] {
  if (!rest) return [`It is ${formatTime(s.clock.now())} in the sandbox.`];
  const at = parseStartTime(rest);
  if (!at) return [`“${preview(rest)}” is not a time. Type e.g. time 2026-03-02T09:00:00Z.`];
  if (s.touched)
    return [`The start time can only be set before anything else happens; it is ${formatTime(s.clock.now())}.`];
  s.clock.set(at);
  return [`The sandbox starts at ${formatTime(at)}.`];
}
