/**
 * A contact's email address, checked plainly: one `@`, a dot in the domain, no spaces, quotes,
 * angle brackets, commas or semicolons (which would let one "address" carry several), at most 254
 * characters (RFC 5321's limit on a path). Returned lower case, as Slack matches invitations.
 */
export function normaliseEmail(text: string): string | undefined {
  const email = text
    .trim()
    .replace(/^mailto:/i, '')
    .toLowerCase();
  if (email.length > 254) return undefined;
  return /^[^\s@<>"',;()[\]\\]+@[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*\.[a-z]{2,}$/.test(
    email,
  )
    ? email
    : undefined;
}
