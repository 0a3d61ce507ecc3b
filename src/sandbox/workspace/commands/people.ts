import { preview } from '../lines';
import { sandboxUsers, teamLabels } from '../people';
import type { Session } from '../session';

/** as, users, in, channels: who is typing, and where. */

function channelList(s: Session): string {
  return [...s.standIn.channels.values()]
    .filter((c) => !c.id.startsWith('D'))
    .map((c) => `#${c.name}`)
    .join(', ');
}

export function actAs(s: Session, rest: string): string[] {
  const user = rest ? s.findUser(rest) : undefined;
  if (!user) return [`There is no user “${preview(rest)}”. Users: ${sandboxUsers.map((u) => u.name).join(', ')}.`];
  s.user = user;
  return [`You are now ${user.name} (team ${user.teamId}; at the start: ${user.hint}).`];
}

export function listUsers(s: Session): string[] {
  const rows = sandboxUsers.map(
    (u) =>
      `  ${u.name.padEnd(7)} ${u.id.padEnd(9)} ${`${teamLabels[u.teamId] ?? ''} ${u.teamId}`.padEnd(18)} ${u.hint}${u.id === s.user.id ? '  ← you' : ''}`,
  );
  return ['Users (roles as at the start; /accord whoami tells the current one):', ...rows];
}

export function switchChannel(s: Session, rest: string): string[] {
  const id = rest ? s.findChannel(rest) : undefined;
  if (!id) return [`There is no channel “${preview(rest)}”. Channels: ${channelList(s)}.`];
  s.channel = id;
  return [`You are now in #${s.names.channel(id) ?? id}.`];
}

export function listChannels(s: Session): string[] {
  const rows = [...s.standIn.channels.values()]
    .filter((c) => !c.id.startsWith('D'))
    .map((c) => {
      const members = sandboxUsers.filter((u) => c.members.has(u.id)).map((u) => u.name);
      return `  #${c.name} (${c.id})${c.isPrivate ? ' private' : ''}: ${members.length > 0 ? members.join(', ') : 'nobody yet'}${c.id === s.channel ? '  ← you are here' : ''}`;
    });
  return ['Channels:', ...rows];
}
