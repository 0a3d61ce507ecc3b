import { escapeText } from '../messages/mrkdwn';
import { splitList } from './args/split-list';
import { echoToken, type Token } from './args/token';

export type Party = { kind: 'user'; userId: string } | { kind: 'partner'; slug: string } | { kind: 'vendor' };

export const raciRoles = ['R', 'A', 'C', 'I'] as const;
export type RaciRole = (typeof raciRoles)[number];

export interface RaciAssignment {
  responsible: Party[];
  accountable: Party;
  consulted: Party[];
  informed: Party[];
}

/** Roles as given to validateRaci; a role left out keeps its existing value. */
export type RaciInput = Partial<Record<RaciRole, Party[]>>;

export const customerStages = ['acquisition', 'development', 'maturity', 'decline', 'churn'] as const;
export type CustomerStage = (typeof customerStages)[number];

export const ACTIVITY_NAME_MAX = 100;

const roleNames: Readonly<Record<RaciRole, string>> = {
  R: 'Responsible',
  A: 'Accountable',
  C: 'Consulted',
  I: 'Informed',
};

const SLUG_RE = /^[a-z0-9]+(-[a-z0-9]+)*$/;
// Mirrors the bounds partner slugs are created with, so anything outside them cannot name a partner.
const SLUG_MIN = 2;
const SLUG_MAX = 40;
const NOBODY = '—';
// Without it a role could never be emptied again once set, because an empty list is refused.
const CLEAR_WORDS: ReadonlySet<string> = new Set(['none', '-', '—']);
const LINE_BREAK_RE = /[\n\r\v\f\u0085\u2028\u2029]/;

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
      return { error: `${echoToken(token)} empties a role on its own (e.g. \`C=none\`); it cannot be listed with anyone.` };
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

function dedupe(parties: readonly Party[]): Party[] {
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
  return dedupe(parties);
}

function list(parties: readonly Party[], names?: Record<string, string>): string {
  return parties.length === 0 ? NOBODY : parties.map((p) => formatParty(p, names)).join(', ');
}

interface ResolvedRole {
  parties: Party[];
  /** False when the value was inherited from the existing assignment rather than given now. */
  given: boolean;
}

function resolveRole(role: RaciRole, input: RaciInput, existing: RaciAssignment | undefined): ResolvedRole {
  const value = input[role];
  if (value !== undefined) return { parties: dedupe(value), given: true };
  if (existing === undefined) return { parties: [], given: true };
  switch (role) {
    case 'R':
      return { parties: dedupe(existing.responsible), given: false };
    case 'A':
      return { parties: [existing.accountable], given: false };
    case 'C':
      return { parties: dedupe(existing.consulted), given: false };
    case 'I':
      return { parties: dedupe(existing.informed), given: false };
  }
}

function changeHint(role: RaciRole): string {
  switch (role) {
    case 'R':
      return 'give R= without it to change that';
    case 'A':
      return 'give A= someone else to change that';
    case 'C':
    case 'I':
      return `give ${role}= without it, or ${role}=none, to change that`;
  }
}

function conflictMessage(party: Party, first: RaciRole, second: RaciRole, roles: Record<RaciRole, ResolvedRole>): string {
  const who = formatParty(party);
  const [a, b] = [roles[first], roles[second]];
  if (!a.given && b.given) {
    return `${who} is already ${roleNames[first]} here, so it cannot also be ${roleNames[second]}: ${changeHint(first)}.`;
  }
  if (a.given && !b.given) {
    return `${who} is already ${roleNames[second]} here, so it cannot also be ${roleNames[first]}: ${changeHint(second)}.`;
  }
  return `${who} cannot be both ${roleNames[first]} and ${roleNames[second]}.`;
}

// Whoever is Responsible or Accountable takes part anyway, and being Consulted already includes
// being kept informed, so a second role there would only blur who does what. R together with A is
// the one pairing allowed, since the party doing the work is often the one answerable for it.
const CONFLICTING_PAIRS: ReadonlyArray<readonly [RaciRole, RaciRole]> = [
  ['R', 'C'],
  ['A', 'C'],
  ['R', 'I'],
  ['A', 'I'],
  ['C', 'I'],
];

/**
 * Merges the roles given with the existing assignment (roles left out keep their value) and checks
 * the result. An explicit empty C or I clears that role. Every problem found is reported at once.
 */
export function validateRaci(input: RaciInput, existing?: RaciAssignment): RaciAssignment | { error: string } {
  const roles: Record<RaciRole, ResolvedRole> = {
    R: resolveRole('R', input, existing),
    A: resolveRole('A', input, existing),
    C: resolveRole('C', input, existing),
    I: resolveRole('I', input, existing),
  };
  const problems: string[] = [];
  const accountable = roles.A.parties;
  if (accountable.length === 0) {
    problems.push('Every activity needs an Accountable: add A= with one person, partner slug or `vendor`.');
  } else if (accountable.length > 1) {
    problems.push(`Exactly one Accountable: you gave ${accountable.length} (${list(accountable)}).`);
  }
  if (roles.R.parties.length === 0) {
    problems.push('An activity needs at least one Responsible: add R= with a person, partner slug or `vendor`.');
  }
  for (const [first, second] of CONFLICTING_PAIRS) {
    const firstKeys = new Set(roles[first].parties.map(partyKey));
    for (const party of roles[second].parties) {
      if (firstKeys.has(partyKey(party))) problems.push(conflictMessage(party, first, second, roles));
    }
  }
  const [single] = accountable;
  if (problems.length > 0 || single === undefined) return { error: problems.join('\n') };
  return {
    responsible: roles.R.parties,
    accountable: single,
    consulted: roles.C.parties,
    informed: roles.I.parties,
  };
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

/** One line such as `R: <@U1>, acme · A: vendor · C: — · I: globex`. */
export function describeRaci(a: RaciAssignment, names?: Record<string, string>): string {
  return [`R: ${list(a.responsible, names)}`, `A: ${formatParty(a.accountable, names)}`, `C: ${list(a.consulted, names)}`, `I: ${list(a.informed, names)}`].join(' · ');
}

function listChange(role: RaciRole, before: readonly Party[], after: readonly Party[], names?: Record<string, string>): string | undefined {
  const beforeKeys = new Set(before.map(partyKey));
  const afterKeys = new Set(after.map(partyKey));
  const added = after.filter((p) => !beforeKeys.has(partyKey(p)));
  const removed = before.filter((p) => !afterKeys.has(partyKey(p)));
  const parts: string[] = [];
  if (added.length > 0) parts.push(`added ${list(added, names)}`);
  if (removed.length > 0) parts.push(`removed ${list(removed, names)}`);
  return parts.length === 0 ? undefined : `${role}: ${parts.join('; ')}`;
}

/**
 * Human lines of what changed, role by role (R, A, C, I), for the audit trail and the channel
 * announcement. Order within a role is not a change. Empty when nothing changed.
 */
export function describeRaciChange(oldA: RaciAssignment | undefined, newA: RaciAssignment | undefined, names?: Record<string, string>): string[] {
  if (oldA === undefined) return newA === undefined ? [] : [`created: ${describeRaci(newA, names)}`];
  if (newA === undefined) return [`removed: ${describeRaci(oldA, names)}`];
  const lines: string[] = [];
  const r = listChange('R', oldA.responsible, newA.responsible, names);
  if (r !== undefined) lines.push(r);
  if (!sameParty(oldA.accountable, newA.accountable)) {
    lines.push(`A: ${formatParty(oldA.accountable, names)} → ${formatParty(newA.accountable, names)}`);
  }
  const c = listChange('C', oldA.consulted, newA.consulted, names);
  if (c !== undefined) lines.push(c);
  const i = listChange('I', oldA.informed, newA.informed, names);
  if (i !== undefined) lines.push(i);
  return lines;
}

export function isCustomerStage(text: string): text is CustomerStage {
  return (customerStages as readonly string[]).includes(text);
}

// Development's customer service keeps its full name in churn too, so applying the churn template
// after the development one updates that activity instead of adding a near-duplicate.
const CUSTOMER_SERVICE = 'Customer service (training, enquiries, complaints)';
const DEVELOPMENT_DUTIES = ['Promotion', 'Order handling', CUSTOMER_SERVICE, 'Arrears collection'];
const MATURITY_DUTIES = [...DEVELOPMENT_DUTIES, 'Deepening (cross-selling)', 'Opportunity discovery'];

/** The partner's duties per customer life-cycle stage (docs/domain.md §2). */
const STAGE_DUTIES: Readonly<Record<CustomerStage, readonly string[]>> = {
  acquisition: ['Promotion', 'New-customer development', 'Sales', 'Order handling', 'Customer records'],
  development: DEVELOPMENT_DUTIES,
  maturity: MATURITY_DUTIES,
  decline: [...MATURITY_DUTIES, "Needs discovery to extend the customer's life"],
  churn: [CUSTOMER_SERVICE, 'Arrears collection', 'Retention', 'Win-back'],
};

/**
 * Default activities for a stage. The partners deliver the duties, so they are Responsible; the
 * vendor stays Accountable because it holds the promise to the customer and passes it on to the
 * partners back-to-back, so it answers for the outcome whoever does the work. With no partner the
 * vendor does the work itself. C and I start empty: who needs them differs per project.
 */
export function raciTemplate(stage: CustomerStage, partnerSlugs: string[]): Array<{ activity: string; assignment: RaciAssignment }> {
  const slugs = [...new Set(partnerSlugs.map((s) => s.trim().toLowerCase()).filter((s) => s !== ''))];
  return STAGE_DUTIES[stage].map((activity) => ({
    activity,
    assignment: {
      responsible: slugs.length === 0 ? [{ kind: 'vendor' }] : slugs.map((slug): Party => ({ kind: 'partner', slug })),
      accountable: { kind: 'vendor' },
      consulted: [],
      informed: [],
    },
  }));
}

/** The key activities are unique by within a project: case, spacing and Unicode form ignored. */
export function normaliseActivity(name: string): string {
  return name.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();
}

/** The name trimmed, or why it cannot be an activity name. */
export function validateActivityName(name: string): string | { error: string } {
  const trimmed = typeof name === 'string' ? name.trim() : '';
  if (trimmed === '') return { error: 'Give the activity a name, e.g. `"Order handling"`.' };
  if (LINE_BREAK_RE.test(trimmed)) return { error: 'Keep the activity name on one line.' };
  const length = Array.from(trimmed).length;
  if (length > ACTIVITY_NAME_MAX) {
    return { error: `Activity names are at most ${ACTIVITY_NAME_MAX} characters; that one has ${length}.` };
  }
  return trimmed;
}
