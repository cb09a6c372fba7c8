/**
 * The fields a column can provide and the header synonyms that name them (reports.md, "Excel
 * in"). A header is normalized like text (NFKC, white space removed); the longest synonym it
 * contains wins; in a two-row header (`group/child`) the child is matched first.
 */

/** Every field a column may map to; `ignore` maps a column to nothing (never reported unmapped). */
export const FIELDS = [
  'seq',
  'region.code',
  'region.name',
  'department.name',
  'department.creditCode',
  'system',
  'code',
  'implementationCode',
  'name',
  'type',
  'basis',
  'levels',
  'reviewMode',
  'statutory',
  'statutory.unit',
  'promised',
  'promised.unit',
  'materials.name',
  'materials.form',
  'materials.medium',
  'materials.copies',
  'materials.necessity',
  'materials.source',
  'steps.name',
  'steps.days',
  'steps.role',
  'reviewRules',
  'powerSource',
  'entrustedBy',
  'decisionRefs',
  'prerequisites',
  'intermediaries',
  'fees.name',
  'fees.standard',
  'fees.basis',
  'responsibility.duties',
  'responsibility.accountability',
  'responsibility.basis',
  'responsibility.measures',
  'responsibility.supervision',
  'ignore',
] as const;

export type Field = (typeof FIELDS)[number];

export function isField(value: string): value is Field {
  return (FIELDS as readonly string[]).includes(value);
}

/**
 * The built-in header synonyms. Those of reports.md, plus (decisions.md) the columns a round
 * trip of format.md needs: 区划代码 / 区划名称, 所属系统, 审批模式, 材料介质, 环节时限, 承办岗位, the
 * unit columns and 序号 (a key cell of continuation rows).
 */
export const SYNONYMS: Readonly<Record<string, Field>> = {
  序号: 'seq',
  区划代码: 'region.code',
  行政区划代码: 'region.code',
  区划名称: 'region.name',
  行政区划名称: 'region.name',
  所属区划: 'region.name',
  实施主体: 'department.name',
  实施机关: 'department.name',
  实施主体名称: 'department.name',
  统一社会信用代码: 'department.creditCode',
  实施主体编码: 'department.creditCode',
  所属系统: 'system',
  事项编码: 'code',
  基本编码: 'code',
  目录编码: 'code',
  职权编码: 'code',
  实施编码: 'implementationCode',
  事项名称: 'name',
  项目名称: 'name',
  职权名称: 'name',
  权力名称: 'name',
  行政审批事项: 'name',
  事项类型: 'type',
  权力类型: 'type',
  权力类别: 'type',
  职权类型: 'type',
  审批类别: 'type',
  设定依据: 'basis',
  实施依据: 'basis',
  法律依据: 'basis',
  行使层级: 'levels',
  实施层级: 'levels',
  审批模式: 'reviewMode',
  法定办结时限: 'statutory',
  法定时限: 'statutory',
  法定办结时限单位: 'statutory.unit',
  法定时限单位: 'statutory.unit',
  承诺办结时限: 'promised',
  承诺时限: 'promised',
  承诺办结时限单位: 'promised.unit',
  承诺时限单位: 'promised.unit',
  申请材料: 'materials.name',
  申报材料: 'materials.name',
  审报提交材料: 'materials.name',
  材料名称: 'materials.name',
  材料形式: 'materials.form',
  材料介质: 'materials.medium',
  份数: 'materials.copies',
  材料必要性: 'materials.necessity',
  是否必要: 'materials.necessity',
  来源渠道: 'materials.source',
  办理流程: 'steps.name',
  办事流程: 'steps.name',
  办理环节: 'steps.name',
  环节名称: 'steps.name',
  环节时限: 'steps.days',
  承办岗位: 'steps.role',
  审查工作细则: 'reviewRules',
  审查标准: 'reviewRules',
  审查要点: 'reviewRules',
  权力来源: 'powerSource',
  委托部门: 'entrustedBy',
  前置条件: 'prerequisites',
  前置审批: 'prerequisites',
  中介服务: 'intermediaries',
  收费项目: 'fees.name',
  收费标准: 'fees.standard',
  收费依据: 'fees.basis',
  责任事项: 'responsibility.duties',
  追责情形: 'responsibility.accountability',
  追责依据: 'responsibility.basis',
  监管措施: 'responsibility.measures',
  监督方式: 'responsibility.supervision',
};

/** Normalize like text (format.md): NFKC, every white-space character removed. */
export function normalizeText(s: string): string {
  return s.normalize('NFKC').replace(/\s+/gu, '');
}

export class HeaderMatcher {
  private readonly entries: [string, Field][];

  constructor(table: Readonly<Record<string, Field>>) {
    // Longest first; among equals, the table's order.
    this.entries = Object.entries(table)
      .map(([k, v]) => [normalizeText(k), v] as [string, Field])
      .sort((a, b) => b[0].length - a[0].length);
  }

  /** The field a (normalized) header names, or undefined. */
  match(header: string): Field | undefined {
    const slash = header.lastIndexOf('/');
    if (slash > 0) {
      const child = this.longest(header.slice(slash + 1));
      if (child) return child;
    }
    return this.longest(header);
  }

  private longest(text: string): Field | undefined {
    if (!text) return undefined;
    for (const [syn, field] of this.entries) if (text.includes(syn)) return field;
    return undefined;
  }
}
