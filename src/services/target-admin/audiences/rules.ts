/**
 * Structural validation of audience rules (seed 004, "Create Audience").
 *
 * A `targetRule` is a tree of logical nodes over targeting conditions:
 *   { "and": [node, ...] } | { "or": [node, ...] } | { "not": node } | condition
 * and a condition names one kind with its attribute and one operator with its values:
 *   { "profile": "memberLevel", "equals": ["gold"] }
 *   { "geo": "region", "matches": ["california"] }
 *   { "mbox": "cart", "parameter": "cartAmount", "greaterThan": [100] }
 * An `audienceRule` is the same logical tree over pre-built audiences: leaves are
 * { "audienceId": 1209737 }. Either rule may also be given as an array of nodes (the attribute
 * table calls them arrays), meaning all of them.
 *
 * The kinds and operators below are the samples' (profile, geo, page; equals, matches) and the
 * rest of Target's audience builder; the documents give no closed list (emulator's choice).
 */

export const LOGICAL_OPERATORS = ['and', 'or', 'not'] as const;

/** Condition kinds; for the kinds with a closed set of attributes, that set. */
export const CONDITION_KINDS: Readonly<Record<string, readonly string[] | null>> = {
  page: ['url', 'domain', 'subdomain', 'topLevelDomain', 'path', 'query', 'fragment'],
  geo: ['country', 'region', 'city', 'zip', 'dma', 'mobileCarrier', 'latitude', 'longitude'],
  mbox: null,
  profile: null,
  customer: null,
  browser: null,
  operatingSystem: null,
  mobile: null,
};

/** Kinds whose condition may name a parameter (mbox parameter, page query parameter). */
export const PARAMETER_KINDS = ['mbox', 'page'] as const;

export const TEXT_OPERATORS = [
  'equals', 'notEquals', 'contains', 'notContains', 'startsWith', 'notStartsWith',
  'endsWith', 'notEndsWith', 'matches', 'notMatches',
] as const;
export const NUMERIC_OPERATORS = ['greaterThan', 'greaterThanOrEquals', 'lessThan', 'lessThanOrEquals'] as const;
export const CONDITION_OPERATORS: readonly string[] = [...TEXT_OPERATORS, ...NUMERIC_OPERATORS];

/** Deepest nesting of logical nodes accepted. */
export const MAX_RULE_DEPTH = 16;

export class RuleError extends Error {}

type Leaf = (node: Record<string, unknown>, path: string) => void;

/** Checks a targetRule; throws RuleError with a message naming the offending place. */
export function checkTargetRule(rule: unknown): void {
  checkRoot(rule, 'targetRule', checkCondition);
}

/** Checks an audienceRule; returns the audience ids it refers to. */
export function checkAudienceRule(rule: unknown): number[] {
  const ids: number[] = [];
  checkRoot(rule, 'audienceRule', (node, path) => {
    const keys = Object.keys(node);
    const id = node.audienceId;
    if (keys.length !== 1 || keys[0] !== 'audienceId') {
      throw new RuleError(`${path} must be a logical node (${LOGICAL_OPERATORS.join(', ')}) or {"audienceId": <id>}`);
    }
    if (typeof id !== 'number' || !Number.isSafeInteger(id) || id <= 0) throw new RuleError(`${path}.audienceId must be a positive integer`);
    ids.push(id);
  });
  return ids;
}

/** The audience ids an already validated audienceRule refers to. */
export function audienceIdsIn(rule: unknown): number[] {
  const ids: number[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node !== null && typeof node === 'object') {
      for (const [key, child] of Object.entries(node)) {
        if (key === 'audienceId' && typeof child === 'number') ids.push(child);
        else walk(child);
      }
    }
  };
  walk(rule);
  return ids;
}

function checkRoot(rule: unknown, path: string, leaf: Leaf): void {
  if (Array.isArray(rule)) {
    if (rule.length === 0) throw new RuleError(`${path} cannot be an empty array`);
    rule.forEach((node, index) => checkNode(node, `${path}[${index}]`, 1, leaf));
  } else {
    checkNode(rule, path, 1, leaf);
  }
}

function checkNode(node: unknown, path: string, depth: number, leaf: Leaf): void {
  if (depth > MAX_RULE_DEPTH) throw new RuleError(`${path} nests deeper than ${MAX_RULE_DEPTH} levels`);
  if (node === null || typeof node !== 'object' || Array.isArray(node)) throw new RuleError(`${path} must be an object`);
  const record = node as Record<string, unknown>;
  const keys = Object.keys(record);
  const logical = keys.filter((key) => (LOGICAL_OPERATORS as readonly string[]).includes(key));
  if (logical.length === 0) return leaf(record, path);
  if (keys.length !== 1) throw new RuleError(`${path} must hold only one of ${LOGICAL_OPERATORS.join(', ')} and nothing else`);
  const operator = logical[0];
  const operand = record[operator];
  if (operator === 'not') {
    checkNode(operand, `${path}.not`, depth + 1, leaf);
    return;
  }
  if (!Array.isArray(operand) || operand.length === 0) throw new RuleError(`${path}.${operator} must be a non-empty array of rules`);
  operand.forEach((child, index) => checkNode(child, `${path}.${operator}[${index}]`, depth + 1, leaf));
}

function checkCondition(node: Record<string, unknown>, path: string): void {
  const keys = Object.keys(node);
  const kinds = keys.filter((key) => key in CONDITION_KINDS);
  const operators = keys.filter((key) => CONDITION_OPERATORS.includes(key));
  const unknown = keys.filter((key) => !kinds.includes(key) && !operators.includes(key) && key !== 'parameter');
  if (unknown.length > 0) {
    throw new RuleError(`${path}: unknown key '${unknown[0]}' (neither a condition kind nor an operator)`);
  }
  if (kinds.length !== 1) throw new RuleError(`${path} must name exactly one condition kind (${Object.keys(CONDITION_KINDS).join(', ')})`);
  if (operators.length !== 1) throw new RuleError(`${path} must use exactly one operator (${CONDITION_OPERATORS.join(', ')})`);
  const [kind] = kinds;
  const [operator] = operators;

  const attribute = node[kind];
  if (typeof attribute !== 'string' || attribute.trim() === '') throw new RuleError(`${path}.${kind} must be a non-empty string`);
  const attributes = CONDITION_KINDS[kind];
  if (attributes && !attributes.includes(attribute)) {
    throw new RuleError(`${path}.${kind}: unknown attribute '${attribute}' (allowed: ${attributes.join(', ')})`);
  }

  if ('parameter' in node) {
    if (!(PARAMETER_KINDS as readonly string[]).includes(kind)) throw new RuleError(`${path}.parameter is only allowed on ${PARAMETER_KINDS.join(' and ')} conditions`);
    if (typeof node.parameter !== 'string' || node.parameter.trim() === '') throw new RuleError(`${path}.parameter must be a non-empty string`);
  }

  const values = node[operator];
  if (!Array.isArray(values) || values.length === 0) throw new RuleError(`${path}.${operator} must be a non-empty array of values`);
  const numeric = (NUMERIC_OPERATORS as readonly string[]).includes(operator);
  values.forEach((value, index) => {
    const at = `${path}.${operator}[${index}]`;
    if (numeric) {
      const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
      if (typeof number !== 'number' || !Number.isFinite(number)) throw new RuleError(`${at} must be a number`);
    } else if (typeof value !== 'string' && (typeof value !== 'number' || !Number.isFinite(value))) {
      throw new RuleError(`${at} must be a string or a number`);
    }
  });
}
