/** Options schema shared by the five consistency rules: `strict` compares raw text. */
export const strictOnly = {
  type: 'object',
  additionalProperties: false,
  properties: { strict: { type: 'boolean', description: '比较原文，不做规范化 / compare raw text, no normalization' } },
} as const;
