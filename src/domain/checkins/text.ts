// Small text rules the check-in and risk register modules share.

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function codePointLength(text: string): number {
  let n = 0;
  // Counting code points, not UTF-16 units, so an emoji counts as the one character people see.
  for (const _ of text) n++;
  return n;
}

export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
