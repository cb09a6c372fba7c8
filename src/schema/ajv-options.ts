/** The options the checklist schema is compiled with, at run time (validate.ts) and at build time (tsup.config.ts). */
export const AJV_OPTIONS = { allErrors: true, verbose: true, strict: false, unicodeRegExp: true } as const;
