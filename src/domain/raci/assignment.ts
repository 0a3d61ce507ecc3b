import { dedupeParties, formatParty, formatPartyList, partyKey, sameParty, type Party } from './party';

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

const roleNames: Readonly<Record<RaciRole, string>> = {
  R: 'Responsible',
  A: 'Accountable',
  C: 'Consulted',
  I: 'Informed',
};

interface ResolvedRole {
  parties: Party[];
  /** False when the value was inherited from the existing assignment rather than given now. */
  given: boolean;
}

function resolveRole(role: RaciRole, input: RaciInput, existing: RaciAssignment | undefined): ResolvedRole {
  const value = input[role];
  if (value !== undefined) return { parties: dedupeParties(value), given: true };
  if (existing === undefined) return { parties: [], given: true };
  switch (role) {
    case 'R':
      return { parties: dedupeParties(existing.responsible), given: false };
    case 'A':
      return { parties: [existing.accountable], given: false };
    case 'C':
      return { parties: dedupeParties(existing.consulted), given: false };
    case 'I':
      return { parties: dedupeParties(existing.informed), given: false };
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

function conflictMessage(
  party: Party,
  first: RaciRole,
  second: RaciRole,
  roles: Record<RaciRole, ResolvedRole>,
): string {
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
    problems.push(`Exactly one Accountable: you gave ${accountable.length} (${formatPartyList(accountable)}).`);
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

/** One line such as `R: <@U1>, acme · A: vendor · C: — · I: globex`. */
export function describeRaci(a: RaciAssignment, names?: Record<string, string>): string {
  const roles = [
    `R: ${formatPartyList(a.responsible, names)}`,
    `A: ${formatParty(a.accountable, names)}`,
    `C: ${formatPartyList(a.consulted, names)}`,
    `I: ${formatPartyList(a.informed, names)}`,
  ];
  return roles.join(' · ');
}

function listChange(
  role: RaciRole,
  before: readonly Party[],
  after: readonly Party[],
  names?: Record<string, string>,
): string | undefined {
  const beforeKeys = new Set(before.map(partyKey));
  const afterKeys = new Set(after.map(partyKey));
  const added = after.filter((p) => !beforeKeys.has(partyKey(p)));
  const removed = before.filter((p) => !afterKeys.has(partyKey(p)));
  const parts: string[] = [];
  if (added.length > 0) parts.push(`added ${formatPartyList(added, names)}`);
  if (removed.length > 0) parts.push(`removed ${formatPartyList(removed, names)}`);
  return parts.length === 0 ? undefined : `${role}: ${parts.join('; ')}`;
}

/**
 * Human lines of what changed, role by role (R, A, C, I), for the audit trail and the channel
 * announcement. Order within a role is not a change. Empty when nothing changed.
 */
export function describeRaciChange(
  oldA: RaciAssignment | undefined,
  newA: RaciAssignment | undefined,
  names?: Record<string, string>,
): string[] {
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
