/**
 * The statistics document (reports.md, "Statistics"); `schemas/stats.schema.json` describes it.
 */

export const GROUP_BY = ['region', 'department', 'system', 'type'] as const;
export type GroupBy = (typeof GROUP_BY)[number];

/** One of the five consistencies (or all five at once). */
export interface Dimension {
  /** Items whose reference is another region's item (a duplicated code counts once). */
  compared: number;
  consistent: number;
  /** Items with a reported difference of this rule. */
  differing: number;
  /** Items whose difference of this rule is suppressed (inline comment or baseline) and none reported. */
  suppressed: number;
  /** consistent / compared, 4 decimals; null when nothing is compared. */
  rate: number | null;
}

export const DIMENSIONS = ['name', 'materials', 'steps', 'timeLimit', 'reviewRules'] as const;
export type DimensionName = (typeof DIMENSIONS)[number];
export const DIMENSION_RULES: Record<DimensionName, string> = {
  name: 'consistency/name',
  materials: 'consistency/materials',
  steps: 'consistency/steps',
  timeLimit: 'consistency/time-limit',
  reviewRules: 'consistency/review-rules',
};

export interface DecisionCounts {
  applicable: number;
  implemented: number;
  outstanding: number;
}

export interface Sections {
  items: {
    /** Every item occurrence (in files that parse), schema-valid or not. */
    total: number;
    /** Items that violate the schema: in `total`, and in no other figure. */
    invalid: number;
    byType: Record<string, number>;
    /** Items that are their own reference (compared with nothing). */
    references: number;
    /** Items whose reference is another region's item. */
    compared: number;
  };
  consistency: Record<DimensionName | 'allFive', Dimension | null>;
  coverage: {
    /** Reference items (of an upper level) whose `levels` include this level. */
    expected: number;
    present: number;
    /** 认领率: present / expected. */
    rate: number | null;
    /** Items no upper level has (regions with a loaded upper level only). */
    extra: number;
  } | null;
  decisions: {
    applicable: number;
    implemented: number;
    outstanding: number;
    /** By the issuer's level, then by action. */
    byIssuerLevel: Record<string, Record<string, DecisionCounts>>;
  };
  timeLimits: {
    withStatutory: number;
    /** promised < statutory in the same unit. */
    compressed: number;
    /** Mean of 1 − promised/statutory over items with both in the same unit (statutory > 0). */
    meanCompression: number | null;
    /** promised 0 (即办). */
    immediate: number;
    /** 即办率: immediate / items. */
    immediateRate: number | null;
    /** Items whose promised limit is at most N days (cumulative). */
    within: { '0': number; '3': number; '5': number };
  };
  steps: {
    mean: number | null;
    atMost3: number;
    atMost5: number;
    /** Items with reviewMode 一审一核. */
    oneReviewOneApproval: number;
    /** Departments that have 一审一核 items, sorted. */
    oneReviewOneApprovalDepartments: string[];
  };
  materials: {
    mean: number | null;
    total: number;
    /** Materials with necessity 容缺后补. */
    deferrable: number;
    /** Items with at least one 容缺后补 material. */
    itemsWithDeferrable: number;
  };
  responsibility: {
    /** Items whose type is not 公共服务. */
    powerItems: number;
    withDuties: number;
    withAccountability: number;
    /** 两单融合率: power items with duties and accountability / power items. */
    rate: number | null;
  };
  links: {
    withPrerequisites: number;
    withIntermediaries: number;
    withFees: number;
    /** Findings of prerequisite/unresolved. */
    unresolved: number;
    /** Findings of intermediary/not-in-catalog and fee/not-in-catalog. */
    notInCatalog: number;
  };
  streets: StreetFigures[];
  /** With `--compare-to` only. */
  compare?: CompareFigures;
}

export interface StreetFigures {
  district: string;
  name: string;
  /** Streets (街道) of the district in the region table; null when no table is available. */
  inTable: number | null;
  /** Loaded street-level regions under the district. */
  withList: number;
  /** Items of those streets. */
  items: number;
  /** Mean items per street with a list. */
  itemsPerStreet: number | null;
}

export interface CompareCounts {
  kept: number;
  removed: number;
  added: number;
}
export interface CompareFigures extends CompareCounts {
  byType: Record<string, CompareCounts>;
}

export interface GroupKey {
  region: string;
  name: string;
  department?: string;
  system?: string;
  type?: string;
}

export interface GroupStats extends Sections {
  key: GroupKey;
}

export interface StatsReport {
  version: 1;
  tool: { name: 'qingdan-lint'; version: string };
  groupBy: GroupBy;
  /** The earlier dataset `--compare-to` named (as given), when any. */
  compareTo?: string;
  groups: GroupStats[];
  total: Sections;
}
