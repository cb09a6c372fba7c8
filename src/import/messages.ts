/**
 * The import's messages: ids and their zh-CN / en templates (`{name}` placeholders).
 */
import type { Locale } from '../types.js';

export const IMPORT_MESSAGES = {
  codeIsNumber: {
    'zh-CN': '“{header}”存为数字（{value}），编码可能已丢失前导零或位数；请将该列设为“文本”格式并重新录入编码，该行未导入',
    en: '"{header}" is stored as a number ({value}): the code may have lost leading zeros or digits; format the column as Text and enter the codes again (row not imported)',
  },
  badRegionCode: {
    'zh-CN': '区划代码“{value}”不是 6 位或 9 位数字，该行未导入',
    en: 'region code "{value}" is not 6 or 9 digits (row not imported)',
  },
  noRegion: {
    'zh-CN': '没有区划代码：请增加“区划代码”列或使用 --region，该行未导入',
    en: 'no region code: add a 区划代码 column or give --region (row not imported)',
  },
  unjoined: {
    'zh-CN': '“{header}”为“{value}”的行在事项表中找不到对应事项，该行未导入',
    en: 'no item has {header} "{value}" (row not imported)',
  },
  noKey: {
    'zh-CN': '该行没有事项编码、实施编码或事项名称，无法对应到事项，该行未导入',
    en: 'the row has no item code, implementation code or name to join it to an item (row not imported)',
  },
  orphanRow: {
    'zh-CN': '该行的序号、事项编码和事项名称都为空，前面又没有可接续的事项（表头或分类标题之后），该行未导入',
    en: 'the row has no 序号, code or name and follows no item it could continue (it comes after the header or a section heading); row not imported',
  },
  notUnderstood: {
    'zh-CN': '“{header}”的值“{value}”无法识别，已作为注释保留在事项上',
    en: '"{header}" value "{value}" is not understood; kept as a comment on the item',
  },
  naturalDays: {
    'zh-CN': '“{header}”的值“{value}”未写明工作日或自然日，按自然日导入',
    en: '"{header}" value "{value}" does not say 工作日 or 自然日; imported as 自然日 (calendar days)',
  },
  continuationDiffers: {
    'zh-CN': '续行中“{header}”的值“{value}”与事项首行不同，已忽略',
    en: 'continuation row: "{header}" value "{value}" differs from the item\'s first row and is ignored',
  },
  fileValueDiffers: {
    'zh-CN': '“{header}”的值“{value}”与同一文件先前的“{first}”不同，文件中保留“{first}”',
    en: '"{header}" value "{value}" differs from "{first}" earlier in the same file; the file keeps "{first}"',
  },
  noHeader: {
    'zh-CN': '前 30 行中没有可识别的表头（至少 2 个已知列名），此工作表未导入',
    en: 'no header row among the first 30 rows (at least 2 known column names); sheet not imported',
  },
  sheetKindUnknown: {
    'zh-CN': '此工作表既不是事项表（事项名称加事项编码或事项类型），也不是材料、环节或责任表（材料名称、环节名称、责任事项或追责情形加事项编码、实施编码或事项名称），未导入',
    en: 'the sheet is neither an item sheet (item name plus code or type) nor a material, step or responsibility sheet (材料名称, 环节名称, 责任事项 or 追责情形 plus a code, implementation code or item name); not imported',
  },
  noItems: {
    'zh-CN': '没有导入任何事项',
    en: 'no item was imported',
  },
} as const;

export type ImportMessageId = keyof typeof IMPORT_MESSAGES;

export function importMessage(id: ImportMessageId, data: Record<string, string>, locale: Locale): string {
  return IMPORT_MESSAGES[id][locale].replace(/\{(\w+)\}/g, (_, k: string) => data[k] ?? `{${k}}`);
}

/** The comment kept on an item for a value not understood. */
export function notUnderstoodComment(header: string, value: string, cell: string, locale: Locale): string {
  const v = value.replace(/\s+/g, ' ');
  return locale === 'zh-CN' ? `未能识别：${header}“${v}”（${cell}）` : `not understood: ${header} "${v}" (${cell})`;
}
