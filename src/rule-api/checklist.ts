/**
 * The checklist data model as rules read it (format.md, lists.md): a file's document, its items
 * and their parts. Plain data, as parsed from YAML.
 */
import type { Level } from '../regions/codes.js';

export type { Level };

export interface Duration {
  value: number;
  unit: '工作日' | '自然日';
}
export interface Material {
  name: string;
  form: string;
  copies: number;
  necessity: string;
  medium?: string;
  source?: string;
}
export interface Step {
  name: string;
  days?: number;
  role?: string;
}
export interface Item {
  code: string;
  implementationCode?: string;
  name: string;
  type: string;
  basis?: string[];
  levels?: Level[];
  reviewMode?: '一审一核' | '标准';
  timeLimit: { statutory?: Duration; promised: Duration };
  materials: Material[];
  steps: Step[];
  reviewRules?: string[];
  /** 权力来源 (lists.md). */
  powerSource?: PowerSource;
  /** 委托/授权机关. */
  entrustedBy?: string;
  /** 文号 of the decisions that brought or changed the item. */
  decisionRefs?: string[];
  /** 前置审批: items whose result is required first. */
  prerequisites?: ItemReference[];
  /** 中介服务 required as a 受理条件 (entries of an `intermediaryCatalog`). */
  intermediaries?: ItemReference[];
  /** 收费项目: `[]` means 不收费, absent means not stated. */
  fees?: Fee[];
  /** 责任清单要素 (两单融合). */
  responsibility?: Responsibility;
}

/** A reference by `code` when given, else by normalized `name` (lists.md, "References"). */
export interface ItemReference {
  code?: string;
  name: string;
}
export type PowerSource = '法定本级行使' | '上级下放' | '上级授权' | '同级授权' | '上级委托' | '同级委托';
export interface Fee {
  code?: string;
  name: string;
  standard?: string;
  basis?: string[];
}
export interface Duty {
  stage: string;
  text: string;
}
export interface Responsibility {
  duties: Duty[];
  accountability: string[];
  basis?: string[];
  measures?: string[];
  supervision?: string;
}

export type DecisionAction = '取消' | '部分取消' | '下放' | '部分下放' | '委托' | '调整' | '新增' | '承接';
/** One entry of a decision: `to` is present for 下放, 部分下放, 委托; 调整 has one of newName, newType, newCode. */
export interface DecisionEntry {
  action: DecisionAction;
  code?: string;
  name: string;
  to?: Level[];
  newName?: string;
  newType?: string;
  newCode?: string;
  department?: string;
  basis?: string[];
  measures?: string[];
  note?: string;
}
/** A 取消/下放/调整 decision; it applies to its file's region and every region below it. */
export interface Decision {
  docNo: string;
  title?: string;
  issuer?: string;
  issuerLevel?: 'national' | 'province' | 'city' | 'district';
  /** YYYY-MM-DD (a real calendar date; the schema checks it). */
  date: string;
  /** YYYY-MM-DD; default: `date`. */
  effective?: string;
  transition?: Duration;
  entries: DecisionEntry[];
}
/** An entry of the 行政审批中介服务事项清单. */
export interface IntermediaryService {
  name: string;
  code?: string;
  items: ItemReference[];
  basis?: string[];
  pricing?: '市场调节价' | '政府指导价' | '政府定价' | '不收费';
  department?: string;
  provider?: string;
  feeStandard?: string;
  feeBasis?: string[];
  timeLimit?: Duration;
}
/** An entry of the 收费目录清单. */
export interface CatalogFee {
  name: string;
  code?: string;
  standard?: string;
  basis?: string[];
  kind?: '行政事业性收费' | '政府性基金' | '经营服务性收费' | '其他';
  department?: string;
  fundManagement?: string;
  items?: ItemReference[];
}

export interface Checklist {
  region: { code: string; name: string; level: Level; parent?: string };
  department?: { name?: string; creditCode?: string };
  system?: string;
  items: Item[];
  decisions?: Decision[];
  intermediaryCatalog?: IntermediaryService[];
  feeCatalog?: CatalogFee[];
}

/** A region's header as written in a file. */
export interface FileHeader {
  region: { code: string; name: string; level: Level; parent?: string };
  department?: { name?: string; creditCode?: string };
  system?: string;
}

/** What the cross-level stage knows of an item without loading its file again. */
export interface ItemSummary {
  code: string;
  name: string;
  type: string;
  levels?: Level[];
  /**
   * Which of the lists.md fields the item gives (a non-empty list, or a value), so a cross-level
   * rule can skip the items without them without loading the item.
   */
  fields?: ItemListField[];
}

/** The item fields of lists.md that {@link ItemSummary.fields} reports. */
export const ITEM_LIST_FIELDS = ['powerSource', 'entrustedBy', 'decisionRefs', 'prerequisites', 'intermediaries', 'fees', 'responsibility'] as const;
export type ItemListField = (typeof ITEM_LIST_FIELDS)[number];

/** The top-level lists of lists.md a file can carry besides `items`. */
export const FILE_LISTS = ['decisions', 'intermediaryCatalog', 'feeCatalog'] as const;
export type FileList = (typeof FILE_LISTS)[number];
