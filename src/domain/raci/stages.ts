import type { RaciAssignment } from './assignment';
import type { Party } from './party';

export const customerStages = ['acquisition', 'development', 'maturity', 'decline', 'churn'] as const;
export type CustomerStage = (typeof customerStages)[number];

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
export function raciTemplate(
  stage: CustomerStage,
  partnerSlugs: string[],
): Array<{ activity: string; assignment: RaciAssignment }> {
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
