/**
 * The checklist validator compiled at build time: `tsup.config.ts` replaces this module with
 * ajv's standalone code for schemas/checklist.schema.json (same options as the run-time compile
 * in validate.ts), so a run neither loads ajv nor compiles the schema (about 0.1–0.2 s per process
 * and per worker thread). Run from source (tests), it is undefined and validate.ts compiles.
 */
import type { ValidateFunction } from 'ajv';

export const precompiledValidator: ((isCalendarDate: (text: string) => boolean) => ValidateFunction) | undefined = undefined;
