import { describe, expect, it } from 'vitest';
import { normaliseEmail } from '../../../src/domain/email';

describe('contact emails', () => {
  it.each([
    ['pat@acme.example', 'pat@acme.example'],
    ['  Pat.Smith+ops@Mail.Acme.co.uk ', 'pat.smith+ops@mail.acme.co.uk'],
    ['mailto:pat@acme.example', 'pat@acme.example'],
  ])('accepts %s as %s', (text, email) => {
    expect(normaliseEmail(text)).toBe(email);
  });

  it.each([
    'pat',
    'pat@',
    '@acme.example',
    'pat@acme',
    'pat@@acme.example',
    'pat @acme.example',
    'a@b.example,c@d.example',
    'pat@acme.example;x',
    '<pat@acme.example>',
    '"pat"@acme.example',
    `${'a'.repeat(250)}@acme.example`,
  ])('refuses %s', (text) => {
    expect(normaliseEmail(text)).toBeUndefined();
  });
});
