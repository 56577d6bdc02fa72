/**
 * The shape every language's catalogue shares. English (`en/`) is the source: each other
 * language is typed `Catalogue`, so a key missing in Traditional Chinese is a compile error, and
 * test/i18n/catalogue.test.ts checks the same at run time (and that placeholders match).
 */
import type { en } from "./en/index.js";

/** The same tree of keys as English, each leaf a message in another language. */
export type Messages<T> = {
  readonly [K in keyof T]: T[K] extends string ? string : Messages<T[K]>;
};

/** What a language must provide: every namespace and key of the English catalogue. */
export type Catalogue = Messages<typeof en>;

/** "ns.key.sub" for every leaf of a namespace's messages. */
type Leaves<T, Prefix extends string = ""> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : Leaves<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

/** A message key, as `namespace:path.to.message` (i18next's form). */
export type MessageKey = {
  [N in keyof typeof en & string]: `${N}:${Leaves<(typeof en)[N]>}`;
}[keyof typeof en & string];
