/**
 * Every emoji code Accord can write must render as a character in the sandbox: the codes are
 * collected from the string literals of src/ (comments and regular expressions are not text
 * Accord sends), so a new emoji without a rendering fails here.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { EMOJI, renderMrkdwn, type Names } from '../../../src/sandbox/render';

const root = fileURLToPath(new URL('../../..', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** Literal text pieces; `afterSubstitution` when the piece follows a `${…}` and so does not start a word. */
function literalPieces(file: string): Array<{ text: string; afterSubstitution: boolean }> {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const out: Array<{ text: string; afterSubstitution: boolean }> = [];
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateHead(node))
      out.push({ text: node.text, afterSubstitution: false });
    else if (ts.isTemplateMiddle(node) || ts.isTemplateTail(node))
      out.push({ text: node.text, afterSubstitution: true });
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

/**
 * `:name:` as Slack reads an emoji: with a letter in it, not glued to a word or a value before it
 * (`esc:${id}:ack:` is a key and `09:00:00` a time, not emoji).
 */
function emojiCodes(text: string, afterSubstitution: boolean): string[] {
  const codes: string[] = [];
  for (const match of text.matchAll(/:([a-z0-9_+-]+):/g)) {
    const at = match.index;
    const before = at === 0 ? (afterSubstitution ? 'x' : ' ') : text.charAt(at - 1);
    const code = match[1] ?? '';
    if (/[a-z]/.test(code) && !/[A-Za-z0-9}]/.test(before)) codes.push(code);
  }
  return codes;
}

function codesInSource(): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const file of sourceFiles(join(root, 'src'))) {
    for (const piece of literalPieces(file)) {
      for (const code of emojiCodes(piece.text, piece.afterSubstitution))
        found.set(code, [...(found.get(code) ?? []), relative(root, file)]);
    }
  }
  return found;
}

const names: Names = { user: () => undefined, channel: () => undefined };

describe('emoji in the sandbox', () => {
  const found = codesInSource();

  it('finds the emoji Accord writes, in replies, posts, blocks and templates alike', () => {
    // A few known ones, so a scan that finds nothing cannot pass.
    for (const code of ['white_check_mark', 'warning', 'rotating_light', 'clipboard', 'red_circle', 'compass'])
      expect([...found.keys()]).toContain(code);
    expect(emojiCodes('esc:12:ack:1', false)).toEqual([]);
    expect(emojiCodes('at 09:00:00', false)).toEqual([]);
    expect(emojiCodes(':ack: later', true)).toEqual([]);
    expect(emojiCodes('(:tada: done)', false)).toEqual(['tada']);
  });

  it('renders every one of them as a character', () => {
    const missing = [...found]
      .filter(([code]) => !Object.hasOwn(EMOJI, code))
      .map(([code, files]) => `:${code}: (${[...new Set(files)].join(', ')})`);
    expect(missing).toEqual([]);
    for (const code of found.keys()) expect(renderMrkdwn(`:${code}:`, names)).not.toMatch(/:[a-z0-9_+-]+:/);
  });

  it('leaves codes that are no emoji as typed, prototype names included', () => {
    expect(renderMrkdwn(':constructor: :toString: :party_parrot:', names)).toBe(
      ':constructor: :toString: :party_parrot:',
    );
  });
});
