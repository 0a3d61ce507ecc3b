import type { catalogue } from './en';

/** Every message key: those of the English catalogue, the source. */
export type MessageKey = keyof typeof catalogue;

/** A whole language: a message for every key (the compiler refuses a missing or an extra one). */
export type Catalogue = Readonly<Record<MessageKey, string>>;

/** One area of a language, for the same keys as the English area `T`. */
export type Translation<T> = { readonly [K in keyof T]: string };
