/**
 * The built-in rule set. Order here is the order of the README table and of SARIF's rule list.
 */
import { docsUrl, type RuleDefinition } from '../src/rule-api/index.js';
import basis from './consistency/basis.js';
import materials from './consistency/materials.js';
import name from './consistency/name.js';
import reviewRules from './consistency/review-rules.js';
import steps from './consistency/steps.js';
import timeLimit from './consistency/time-limit.js';
import type from './consistency/type.js';
import missingLower from './coverage/missing-lower.js';
import missingUpper from './coverage/missing-upper.js';
import coverageStreets from './coverage/streets.js';
import decisionAdjustedStale from './decision/adjusted-stale.js';
import decisionCancelledPresent from './decision/cancelled-present.js';
import decisionDelegatedMissing from './decision/delegated-missing.js';
import decisionDelegatedRetained from './decision/delegated-retained.js';
import decisionEntryUnmatched from './decision/entry-unmatched.js';
import decisionLevelsStale from './decision/levels-stale.js';
import decisionPowerSource from './decision/power-source.js';
import decisionUnknownRef from './decision/unknown-ref.js';
import creditCode from './department/credit-code.js';
import implementationCode from './item/implementation-code.js';
import uniqueCode from './item/unique-code.js';
import uniqueName from './item/unique-name.js';
import uniqueMaterials from './materials/unique.js';
import regionCode from './region/code.js';
import regionName from './region/name.js';
import responsibilityMissing from './responsibility/missing.js';
import responsibilityStages from './responsibility/stages.js';
import schema from './schema.js';
import oneReviewOneApproval from './steps/one-review-one-approval.js';
import withinTimeLimit from './steps/within-time-limit.js';
import suppression from './suppression.js';
import whitespace from './text/whitespace.js';
import promisedWithinStatutory from './time-limit/promised-within-statutory.js';
import yamlSyntax from './yaml-syntax.js';
import intermediaryNotInCatalog from './intermediary/not-in-catalog.js';
import feeNotInCatalog from './fee/not-in-catalog.js';
import feeMismatch from './fee/mismatch.js';
import intermediaryCatalogLink from './intermediary/catalog-link.js';
import prerequisiteUnresolved from './prerequisite/unresolved.js';
import prerequisiteCycle from './prerequisite/cycle.js';
import prerequisiteCancelled from './prerequisite/cancelled.js';

export const builtinRules: RuleDefinition[] = (
  [
    name,
    materials,
    steps,
    timeLimit,
    reviewRules,
    type,
    basis,
    missingUpper,
    missingLower,
    coverageStreets,
    yamlSyntax,
    schema,
    regionCode,
    uniqueCode,
    uniqueName,
    uniqueMaterials,
    promisedWithinStatutory,
    withinTimeLimit,
    oneReviewOneApproval,
    creditCode,
    implementationCode,
    whitespace,
    suppression,
    responsibilityMissing,
    responsibilityStages,
    regionName,
    decisionCancelledPresent,
    decisionDelegatedMissing,
    decisionDelegatedRetained,
    decisionUnknownRef,
    intermediaryNotInCatalog,
    feeNotInCatalog,
    feeMismatch,
    intermediaryCatalogLink,
    prerequisiteUnresolved,
    prerequisiteCycle,
    prerequisiteCancelled,
    decisionEntryUnmatched,
    decisionAdjustedStale,
    decisionLevelsStale,
    decisionPowerSource,
  ] as RuleDefinition[]
).map((rule) => ({ ...rule, docs: rule.docs ?? docsUrl(rule.id) }));
