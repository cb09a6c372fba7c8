/**
 * The rule ids of the findings the engine makes itself, not through a rule's hooks: a file that
 * cannot be parsed (`yaml-syntax`), a document that violates the JSON Schema (`schema`), and a
 * faulty suppression comment (`suppression`). Their metadata and messages live in rules/ like
 * every other rule's; the engine names them only here. Behaviour that differs by rule otherwise
 * comes from rule meta (`facet`, `core`, `fixable`, ...), never from an id.
 */
export const CORE_RULES = {
  syntax: 'yaml-syntax',
  schema: 'schema',
  suppression: 'suppression',
} as const;
