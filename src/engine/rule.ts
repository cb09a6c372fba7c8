/** The rule API lives in src/rule-api/; this re-export is for the engine's own imports. */
export * from '../rule-api/rule.js';
