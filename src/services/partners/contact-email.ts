import { normaliseEmail } from '../../domain/email';
import { validation } from '../../errors';
import { partnerRefusals } from '../../messages/partner/refusals';

/** A contact email as Accord keeps it (normalised), or a refusal echoing what was typed. */
export function requireEmail(text: string): string {
  const email = normaliseEmail(text);
  if (!email) throw validation(partnerRefusals.notAnEmail(text));
  return email;
}
