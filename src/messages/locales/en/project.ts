/** English, the source: every other language has exactly these keys and placeholders. */
export const project = {} as const;
