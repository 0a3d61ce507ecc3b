import { overLimitMessage, pricingModelLabels, type OverLimit, type PricingModel } from '../../domain/money';
import { escapeText } from '../mrkdwn';

const WHERE_INSTEAD =
  'Settle in a DM with Accord, or in a channel whose members are all vendor admins or vendor members.';
const SHOWN = 5;

/** Which partner's figures would go beyond the limit: `\`acme\`'s`. */
const whose = (slug: string) => `\`${slug}\`'s`;

/** Why a contract, a ledger record or a settlement is refused. */
export const settlementRefusals = {
  noContract: (slug: string) =>
    `\`${slug}\` has no contract yet. Set one with \`/accord contract set ${slug} <model> currency=<code> …\`.`,
  currencyMissing: () => `Give the contract's currency, e.g. \`currency=USD\`.`,
  /**
   * Deductions, adjustments and entered commission are amounts in the currency they were recorded
   * in; changing the contract's currency under them would pay them as another currency.
   */
  currencyChange: (
    slug: string,
    currency: string,
    held: ReadonlyArray<{ currency: string; where: readonly string[] }>,
  ) => {
    const list = held.map((h) => `${h.currency} (${h.where.join(', ')})`).join(' and ');
    return `\`${slug}\` has deductions, adjustments or entered commission in ${list} that no approved statement holds yet, so its currency cannot change to ${currency}: they would be paid as ${currency}. Settle and approve those periods first (\`/accord settle <period>\`, then \`/accord settle approve <period>\`), then change the currency.`;
  },
  termsOverLimit: (slug: string, quarter: string, currency: string, over: OverLimit) =>
    `With these terms, ${overLimitMessage(whose(slug), quarter, currency, over)} Nothing was changed.`,
  monthOnly: (year: number, quarter: number) =>
    `Record it for a month (e.g. \`period=${year}-${String((quarter - 1) * 3 + 1).padStart(2, '0')}\`); a quarterly statement adds up its three months.`,
  /** A change to an approved period cannot be carried: it was approved in another currency. */
  carriedCurrency: (slug: string, frozen: { period: string; currency: string }, contractCurrency: string) =>
    `${frozen.period} is approved for \`${slug}\` in ${frozen.currency}, and its contract is now in ${contractCurrency}, so this change cannot be carried into a later period as it is. Record what it is worth in ${contractCurrency} with \`/accord adjust ${slug} <amount> "reason"\`.`,
  carriedOverLimit: (slug: string, from: string, to: string, quarter: string, currency: string, over: OverLimit) =>
    `${from} is approved, so this change would go into ${to}, but then ${overLimitMessage(whose(slug), quarter, currency, over)} Nothing was recorded.`,
  recordOverLimit: (slug: string, what: string, period: string, currency: string, over: OverLimit) =>
    `With ${what}, ${overLimitMessage(whose(slug), period, currency, over)} Nothing was recorded.`,
  usageDoesNotCount: (slug: string, model: PricingModel) =>
    `\`${slug}\` is paid ${pricingModelLabels[model]}, so usage does not change what it earns; usage counts for per-minute, per-hour and hourly + commission contracts.`,
  notStarted: (period: string) => `${period} has not started yet; a period can be settled once it has begun.`,
  projectChannel: (projectSlug: string) =>
    `This is \`${projectSlug}\`'s channel, which its partners can read; settle in a vendor-only channel or in a DM with Accord, so one partner's figures are not shown to another.`,
  accruedWithoutContract: (slug: string) =>
    `\`${slug}\` has no contract yet; set one with \`/accord contract set ${slug} commission currency=<code>\` first.`,
  noSuchPartner: (slug: string) => `There is no partner \`${slug}\`. \`/accord partner list\` shows them all.`,
  accruedNotTaken: (slug: string, model: PricingModel) =>
    `\`${slug}\` is paid ${pricingModelLabels[model]}: its accrued amount comes from its contract${model === 'monthly' ? '' : ' and usage'}, so \`accrued=\` does not apply to it.`,
  accruedFrozen: (slug: string, period: string, firstMonth: string | undefined) =>
    `\`${slug}\`'s statement for ${period} is approved and frozen. Record the difference with \`/accord adjust ${slug} <amount> "reason" period=${firstMonth}\`: it goes into the next period.`,
  overlapping: (clash: ReadonlyArray<{ slug: string; period: string }>) => {
    const list = clash
      .slice(0, 5)
      .map((c) => `\`${c.slug}\` ${c.period}`)
      .join(', ');
    return `${list}${clash.length > 5 ? ` and ${clash.length - 5} more` : ''} already ${clash.length === 1 ? 'has' : 'have'} a statement for an overlapping period. Settle by month or by quarter, not both, so nothing is paid twice.`;
  },
  commissionOverLimit: (slug: string, period: string, currency: string, over: OverLimit) =>
    `With that commission, ${overLimitMessage(whose(slug), period, currency, over)} Nothing was changed.`,
  noStatementToApprove: (slug: string, period: string) =>
    `\`${slug}\` has no statement for ${period}; build it with \`/accord settle ${period}\` first.`,
  nothingToApprove: (period: string) =>
    `There is nothing to approve for ${period}: build the drafts with \`/accord settle ${period}\` first.`,
  staleDrafts: (slugs: readonly string[], period: string) =>
    `${slugs.map((s) => `\`${s}\``).join(', ')}: usage, entries or the contract for ${period} changed after the draft was built. Run \`/accord settle ${period}\` again, check it, then approve.`,
};

/** Why the settlement CSV is not posted in this conversation (see requireVendorOnlyAudience). */
export const audienceRefusals = {
  slackSlow: () =>
    `I could not check who is in this conversation (Slack did not answer in time), so nothing was settled or posted. Please try again in a minute.`,
  unseen: (error: string) =>
    `I cannot see who is in this conversation (Slack answered \`${error}\`), so nothing was settled or posted: the CSV lists every partner's figures. ${WHERE_INSTEAD}`,
  externallyShared: () =>
    `This conversation is shared with another organisation through Slack Connect (or an invitation to share it is pending), so the CSV with every partner's figures is not posted here and nothing was settled. ${WHERE_INSTEAD}`,
  sharedWithWorkspaces: () =>
    `This conversation is shared with other workspaces, so the CSV with every partner's figures is not posted here and nothing was settled. ${WHERE_INSTEAD}`,
  tooMany: () =>
    `This conversation has too many members for me to check that all of them are vendor people, so nothing was settled or posted. ${WHERE_INSTEAD}`,
  outsiders: (userIds: readonly string[]) => {
    const named = userIds
      .slice(0, SHOWN)
      .map((id) => `<@${id}>`)
      .join(', ');
    const more = userIds.length > SHOWN ? ` and ${userIds.length - SHOWN} more` : '';
    return `${named}${more} ${userIds.length === 1 ? 'is' : 'are'} in this conversation but not vendor people (a partner member, or someone of another organisation or unknown to Accord), so the CSV with every partner's figures is not posted here and nothing was settled. ${WHERE_INSTEAD}`;
  },
};

/** Settlement commands put the wrong way (the registry adds the usage line). */
export const settlementUsageRefusals = {
  periodMissing: () => 'Give the period, e.g. `2026-10` or `2026-Q4`.',
  amountMissing: (what: string) => `Give the ${what}, e.g. \`1,000.50\`.`,
  wrongRate: (model: PricingModel, needs: 'rate' | 'fee' | undefined, given: 'rate' | 'fee') =>
    `A ${model} contract takes ${needs ? `\`${needs}=\`` : 'no rate (its commission is entered when settling)'}, not \`${given}=\`.`,
  rateMissing: (model: PricingModel, needs: 'rate' | 'fee') =>
    needs === 'fee'
      ? 'Give the monthly fee, e.g. `fee=5,000`.'
      : `Give the rate per ${model === 'per_minute' ? 'minute, e.g. `rate=0.40`' : 'hour, e.g. `rate=12.50`'}.`,
  usageUnits: (given: number) =>
    given === 0 ? 'Give the usage, e.g. `minutes=1,250` or `hours=37.5`.' : 'Give `minutes=` or `hours=`, not both.',
  noteInQuotes: () => 'Put the note in quotes',
  zeroDeduction: () => 'A deduction of 0 changes nothing; give the amount to deduct.',
  zeroAdjustment: () => 'An adjustment of 0 changes nothing; give the amount (negative to take money back).',
  reasonInQuotes: () => 'Give the reason in "double quotes"',
  notASlug: (text: string) => `\`${escapeText(text.slice(0, 40)).replace(/`/g, "'")}\` is not a partner slug.`,
  badAmount: (slug: string, error: string) => `${slug}: ${error}`,
};
