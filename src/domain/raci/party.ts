import { escapeText } from '../../messages/mrkdwn';
import { splitList } from '../args/split-list';
import { echoToken, type Token } from '../args/token';

export type Party = { kind: 'user'; userId: string } | { kind: 'partner'; slug: string } | { kind: 'vendor' };

const SLUG_RE = /^[a-z0-9]+(-[a-z0-9]+)*$/;
// Mirrors the bounds partner slugs are created with, so anything outside them cannot name a partner.
const SLUG_MIN = 2;
const SLUG_MAX = 40;
const NOBODY = '—';
// Without it a role could never be emptied again once set, because an empty list is refused.
const CLEAR_WORDS: ReadonlySet<string> = new Set(['none', '-', '—']);

function isTextToken(token: Token): token is { kind: 'word' | 'quoted'; value: string } {
  return token.kind === 'word' || token.kind === 'quoted';
}

const WHO = 'a person (@name), a partner slug or `vendor`';

export function parseParty(token: Token): Party | { error: string } {
  if (token.kind === 'user') return { kind: 'user', userId: token.id };
  if (isTextToken(token)) {
    const text = token.value.trim();
    if (text === '') return { error: `Name ${WHO}.` };
    const lower = text.toLowerCase();
    if (lower === 'vendor') return { kind: 'vendor' };
    if (CLEAR_WORDS.has(lower)) {
      return {
        error: `${echoToken(token)} empties a role on its own (e.g. \`C=none\`); it cannot be listed with anyone.`,
      };
    }
    if (lower.length >= SLUG_MIN && lower.length <= SLUG_MAX && SLUG_RE.test(lower)) {
      return { kind: 'partner', slug: lower };
    }
  }
  if (token.kind === 'usergroup') {
    return { error: `${echoToken(token)} is a user group: name people one by one, a partner slug or \`vendor\`.` };
  }
  return { error: `${echoToken(token)} is not a person, a partner slug or \`vendor\`.` };
}

/** A stable identity for a party, for de-duplication and comparison. */
export function partyKey(p: Party): string {
  switch (p.kind) {
    case 'user':
      return `user:${p.userId}`;
    case 'partner':
      return `partner:${p.slug}`;
    case 'vendor':
      return 'vendor';
  }
}

export function sameParty(a: Party, b: Party): boolean {
  return partyKey(a) === partyKey(b);
}

/** The parties without repeats (by partyKey), keeping the first of each. */
export function dedupeParties(parties: readonly Party[]): Party[] {
  const seen = new Set<string>();
  const out: Party[] = [];
  for (const p of parties) {
    const key = partyKey(p);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(p);
  }
  return out;
}

/**
 * Reads one `R=`/`C=`/… value: a comma list of parties, or `none` (an empty list, which only C and I
 * accept once validateRaci has looked at it). Duplicates are dropped, keeping the first.
 */
export function parsePartyList(value: Token): Party[] | { error: string } {
  if (!isTextToken(value)) {
    const party = parseParty(value);
    return 'error' in party ? party : [party];
  }
  if (CLEAR_WORDS.has(value.value.trim().toLowerCase())) return [];
  const items = splitList(value.value);
  if (items.length === 0) return { error: `The list is empty: name ${WHO}, separated by commas.` };
  const parties: Party[] = [];
  for (const item of items) {
    const party = parseParty(item);
    if ('error' in party) return party;
    parties.push(party);
  }
  return dedupeParties(parties);
}

/**
 * mrkdwn for one party. Partner names are chosen by admins, so they are escaped; `names` is looked
 * up by own keys only, so a slug such as `constructor` never finds an inherited property.
 */
export function formatParty(p: Party, partnerNames?: Record<string, string>): string {
  switch (p.kind) {
    case 'user':
      return `<@${p.userId}>`;
    case 'vendor':
      return 'vendor';
    case 'partner': {
      const name = partnerNames !== undefined && Object.hasOwn(partnerNames, p.slug) ? partnerNames[p.slug] : undefined;
      return typeof name === 'string' && name.trim() !== '' ? escapeText(name.trim()) : p.slug;
    }
  }
}

/** mrkdwn for a list of parties, comma-separated; `—` when it is empty. */
export function formatPartyList(parties: readonly Party[], names?: Record<string, string>): string {
  return parties.length === 0 ? NOBODY : parties.map((p) => formatParty(p, names)).join(', ');
}
