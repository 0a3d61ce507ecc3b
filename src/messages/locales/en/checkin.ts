/** English, the source: every other language has exactly these keys and placeholders. */
export const checkin = {} as const;
