import { defineRule } from '../../src/rule-api/index.js';

const FIELDS = ['duties', 'accountability', 'basis', 'measures', 'supervision'] as const;
type Field = (typeof FIELDS)[number];

/** Every power type: all item types but 公共服务. */
const POWER_TYPES = ['行政许可', '行政处罚', '行政强制', '行政征收', '行政给付', '行政检查', '行政确认', '行政奖励', '行政裁决', '其他行政权力', '政府内部审批', '行政备案'];

/** A field counts as given when it holds something: a non-empty array or a non-blank string. */
function given(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'string') return value.trim() !== '';
  return value !== undefined && value !== null;
}

/** 两单融合: a power item carries its 责任清单 entries (`responsibility`). */
export default defineRule<{ types: string[]; require: Field[] }>({
  id: 'responsibility/missing',
  description: { 'zh-CN': '权力事项载明责任清单要素（两单融合）', en: 'Power items carry their responsibility-list entries (两单融合)' },
  severity: 'off',
  optionsSchema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      types: { type: 'array', items: { type: 'string' }, description: '须载明责任清单的事项类型 / item types that must carry a responsibility entry' },
      require: { type: 'array', items: { enum: [...FIELDS] }, uniqueItems: true, description: '责任清单必须给出的要素 / the responsibility fields required' },
    },
  },
  defaultOptions: { types: POWER_TYPES, require: ['duties', 'accountability'] },
  messages: {
    'zh-CN': {
      missing: '{type}事项「{name}」未载明责任清单要素（responsibility）',
      missingFields: '{type}事项「{name}」的责任清单缺少 {fields}',
    },
    en: {
      missing: '{type} item "{name}" has no responsibility-list entry (responsibility)',
      missingFields: 'The responsibility entry of {type} item "{name}" lacks {fields}',
    },
  },
  item(ref, context) {
    const { item } = ref;
    if (typeof item.type !== 'string' || !context.options.types.includes(item.type)) return;
    const responsibility = item.responsibility as unknown;
    if (responsibility === undefined || responsibility === null) {
      context.report({ messageId: 'missing', path: ref.path, data: { type: item.type, name: item.name } });
      return;
    }
    // Not a mapping: the schema's finding.
    if (typeof responsibility !== 'object' || Array.isArray(responsibility)) return;
    const record = responsibility as Record<string, unknown>;
    const fields = context.options.require.filter((f) => !given(record[f]));
    if (fields.length > 0) context.report({ messageId: 'missingFields', path: ref.path, data: { type: item.type, name: item.name, fields } });
  },
});
