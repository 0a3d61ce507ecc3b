import { describe, expect, it } from 'vitest';
import { createLanguageMemory } from '../../../src/services/languages/memory';

describe('the language memory', () => {
  it('remembers per person and channel, for a few minutes only', () => {
    let now = 0;
    const memory = createLanguageMemory({ ttlMs: 1000, now: () => now });
    memory.set('U1', 'C1', 'lv');
    memory.set('U1', undefined, 'en');
    expect(memory.get('U1', 'C1')).toBe('lv');
    expect(memory.get('U1', undefined)).toBe('en');
    expect(memory.get('U1', 'C2')).toBeUndefined();
    expect(memory.get('U2', 'C1')).toBeUndefined();
    now = 999;
    expect(memory.get('U1', 'C1')).toBe('lv');
    now = 1000;
    expect(memory.get('U1', 'C1')).toBeUndefined();
  });

  it('forgets a person who chose, and everyone when a default changed', () => {
    const memory = createLanguageMemory();
    memory.set('U1', 'C1', 'lv');
    memory.set('U2', 'C1', 'vi');
    memory.forget('U1');
    expect(memory.get('U1', 'C1')).toBeUndefined();
    expect(memory.get('U2', 'C1')).toBe('vi');
    memory.clear();
    expect(memory.get('U2', 'C1')).toBeUndefined();
  });

  it('keeps at most `limit` people, dropping the one seen longest ago', () => {
    const memory = createLanguageMemory({ limit: 2 });
    memory.set('U1', undefined, 'lv');
    memory.set('U2', undefined, 'vi');
    memory.set('U1', 'C1', 'lv');
    memory.set('U3', undefined, 'ha');
    expect(memory.get('U2', undefined)).toBeUndefined();
    expect(memory.get('U1', undefined)).toBe('lv');
    expect(memory.get('U3', undefined)).toBe('ha');
  });
});
