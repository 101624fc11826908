/**
 * The Platform query grammar shared by Catalog (help/catalog/api/filter-data.md) and the Schema
 * Registry (help/xdm/api/appendix.md, "Filtering"): `property=` conditions (`field` exists,
 * `==`, `!=`, `<`, `<=`, `>`, `>=`, `~regex`) and sort keys (`orderBy` / `orderby`).
 *
 * The two APIs read the same grammar with real differences, each an option of a `QueryDialect`:
 * how values compare, where missing values sort, how arrays and null match, how sort keys are
 * written. CATALOG_DIALECT and SCHEMA_REGISTRY_DIALECT below are the two dialects in use.
 */

export type StoredValues = Record<string, unknown>;
export type Condition = (object: StoredValues) => boolean;
export type Comparator = (a: StoredValues, b: StoredValues) => number;

export interface QueryDialect {
  /**
   * How two values compare (sorting and `<`, `<=`, `>`, `>=`):
   * - 'typed': only strings, numbers and booleans have an order (numbers < strings < booleans;
   *   semantic versions such as 1.0.10 by their parts; a numeric operand compares numerically
   *   with a stored number); anything else is missing. Text conditions read scalars only and
   *   `==` compares text.
   * - 'numeric-text': as numbers when both read as numbers, otherwise as text; only undefined
   *   and null are missing. Text conditions read any value as text and `==` is "compares equal".
   */
  values: 'typed' | 'numeric-text';
  /** Where missing values sort, before or after every value. */
  missingValues: 'first' | 'last';
  /** 'each element': a condition on an array holds when one element matches (`!=`: when every one does); 'whole': an array is one value. */
  arrays: 'whole' | 'each element';
  /** 'absent': a null property satisfies only `!=`, like an absent one; 'value': null is compared like any other value. */
  nullInConditions: 'absent' | 'value';
  /** 'own': `field` exists only as an own property of the object; 'any': any defined property, inherited ones included. */
  existence: 'own' | 'any';
  /** `!field` means "has no field" (otherwise `!field` is just a property name). */
  negatedExistence: boolean;
  /** 'refused': a condition starting with an operator (`==x`) has no property name; 'part of the name': the operator is read after the first character. */
  leadingOperator: 'refused' | 'part of the name';
  /** Properties whose `==` operand may use `*` wildcards. */
  wildcardProperties: readonly string[];
  /**
   * How sort keys are written, comma-separated: 'direction' = `asc:field` / `desc:field` / `field`
   * (anything else is refused); 'sign' = `-field` descending, `field` or `+field` ascending.
   */
  sortKeys: 'direction' | 'sign';
}

/** Catalog: typed values, missing values first, arrays and objects are not comparable. */
export const CATALOG_DIALECT: QueryDialect = {
  values: 'typed',
  missingValues: 'first',
  arrays: 'whole',
  nullInConditions: 'absent',
  existence: 'own',
  negatedExistence: true,
  leadingOperator: 'refused',
  wildcardProperties: ['name'],
  sortKeys: 'direction',
};

/** Schema Registry: numbers or text, missing values last, array properties match on any element. */
export const SCHEMA_REGISTRY_DIALECT: QueryDialect = {
  values: 'numeric-text',
  missingValues: 'last',
  arrays: 'each element',
  nullInConditions: 'value',
  existence: 'any',
  negatedExistence: false,
  leadingOperator: 'part of the name',
  wildcardProperties: [],
  sortKeys: 'sign',
};

/** A condition or sort key the grammar cannot read; each API turns it into its own 400. */
export class QuerySyntaxError extends Error {
  constructor(
    readonly problem: 'missing property name' | 'invalid pattern' | 'invalid sort key' | 'no sort key',
    message: string,
  ) {
    super(message);
  }
}

// ---------------------------------------------------------------- values

/** Strings, numbers and booleans as text; undefined for anything else. */
export function scalarText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

const VERSION = /^\d+(\.\d+){1,3}$/;
function isVersion(value: string): boolean {
  return /^\d+\.\d+\.\d+/.test(value) && VERSION.test(value);
}

function compareVersions(a: string, b: string): number {
  const left = a.split('.').map(Number);
  const right = b.split('.').map(Number);
  for (let i = 0; i < Math.max(left.length, right.length); i += 1) {
    const difference = (left[i] ?? 0) - (right[i] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}

const TYPE_RANK: Record<string, number> = { number: 1, string: 2, boolean: 3 };

function hasTypedOrder(value: unknown): boolean {
  return typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean';
}

/** 'typed' order of two values that have one. */
function compareTyped(a: unknown, b: unknown): number {
  const typeA = typeof a;
  const typeB = typeof b;
  if (typeA !== typeB) {
    // numbers given as text in a query still compare numerically with stored numbers
    if (typeA === 'number' && typeB === 'string' && b !== '' && !Number.isNaN(Number(b))) return (a as number) - Number(b);
    return TYPE_RANK[typeA]! - TYPE_RANK[typeB]!;
  }
  switch (typeA) {
    case 'number':
      return (a as number) - (b as number);
    case 'string': {
      const left = a as string;
      const right = b as string;
      if (isVersion(left) && isVersion(right)) return compareVersions(left, right);
      return left < right ? -1 : left > right ? 1 : 0;
    }
    default:
      return Number(a) - Number(b);
  }
}

/** 'numeric-text' order of two values that are neither undefined nor null. */
function compareNumericText(a: unknown, b: unknown): number {
  const numberA = Number(a);
  const numberB = Number(b);
  if (typeof a !== 'boolean' && typeof b !== 'boolean' && String(a).trim() !== '' && String(b).trim() !== '' && !Number.isNaN(numberA) && !Number.isNaN(numberB)) {
    return numberA - numberB;
  }
  const textA = String(a);
  const textB = String(b);
  return textA < textB ? -1 : textA > textB ? 1 : 0;
}

/** The order of two property values under a dialect; only the sign matters. */
export function valueOrder(dialect: Pick<QueryDialect, 'values' | 'missingValues'>): (a: unknown, b: unknown) => number {
  const typed = dialect.values === 'typed';
  const hasOrder = typed ? hasTypedOrder : (value: unknown) => value !== undefined && value !== null;
  const compare = typed ? compareTyped : compareNumericText;
  const missingSign = dialect.missingValues === 'first' ? -1 : 1;
  return (a, b) => {
    const orderedA = hasOrder(a);
    const orderedB = hasOrder(b);
    if (orderedA && orderedB) return compare(a, b);
    if (orderedA === orderedB) return 0;
    return orderedA ? -missingSign : missingSign;
  };
}

// ---------------------------------------------------------------- conditions

/** Condition operators; at one position the longer one wins (`<=` before `<`). */
const OPERATORS = ['==', '!=', '<=', '>=', '<', '>', '~'] as const;
export type Operator = (typeof OPERATORS)[number];

function operatorAt(text: string, position: number): Operator | undefined {
  return OPERATORS.find((operator) => text.startsWith(operator, position));
}

/** `title==Loyalty` → its parts, split at the first operator after the property name; undefined when there is none. */
export function splitCondition(text: string): { property: string; operator: Operator; operand: string } | undefined {
  for (let position = 1; position < text.length; position += 1) {
    const operator = operatorAt(text, position);
    if (operator) return { property: text.slice(0, position), operator, operand: text.slice(position + operator.length) };
  }
  return undefined;
}

/**
 * One condition (already trimmed) as a predicate. Throws QuerySyntaxError when a `~` pattern is
 * not a regular expression, or the property name is missing (`==x`) where the dialect refuses it.
 */
export function compileCondition(text: string, dialect: QueryDialect): Condition {
  if (dialect.leadingOperator === 'refused' && operatorAt(text, 0)) throw new QuerySyntaxError('missing property name', 'the property name is missing');
  const parts = splitCondition(text);
  if (!parts) {
    if (dialect.negatedExistence && text.startsWith('!')) {
      const exists = existence(text.slice(1), dialect);
      return (object) => !exists(object);
    }
    return existence(text, dialect);
  }
  const { property, operator, operand } = parts;
  const holds = elementTest(property, operator, operand, dialect);
  const nullIsAbsent = dialect.nullInConditions === 'absent';
  const eachElement = dialect.arrays === 'each element';
  const negative = operator === '!=';
  return (object) => {
    const value = object[property];
    if (value === undefined || (nullIsAbsent && value === null)) return negative;
    if (eachElement && Array.isArray(value)) return negative ? value.every(holds) : value.some(holds);
    return holds(value);
  };
}

function existence(property: string, dialect: QueryDialect): Condition {
  if (dialect.existence === 'own') return (object) => Object.hasOwn(object, property) && object[property] !== undefined;
  return (object) => object[property] !== undefined;
}

/** Whether one present value satisfies `operator operand`. */
function elementTest(property: string, operator: Operator, operand: string, dialect: QueryDialect): (value: unknown) => boolean {
  const typed = dialect.values === 'typed';
  const order = valueOrder(dialect);
  const textOf = typed ? scalarText : String;
  const equals = typed ? (value: unknown) => scalarText(value) === operand : (value: unknown) => order(value, operand) === 0;
  switch (operator) {
    case '~': {
      let regex: RegExp;
      try {
        regex = new RegExp(operand);
      } catch {
        throw new QuerySyntaxError('invalid pattern', `'${operand}' is not a valid regular expression`);
      }
      return (value) => {
        const text = textOf(value);
        return text !== undefined && regex.test(text);
      };
    }
    case '==': {
      if (!dialect.wildcardProperties.includes(property)) return equals;
      const matches = wildcardMatcher(operand);
      return (value) => {
        const text = scalarText(value);
        return text !== undefined && matches(text);
      };
    }
    case '!=':
      return (value) => !equals(value);
    default: {
      const test = { '<': (c: number) => c < 0, '<=': (c: number) => c <= 0, '>': (c: number) => c > 0, '>=': (c: number) => c >= 0 }[operator];
      return (value) => test(order(value, operand));
    }
  }
}

/**
 * A value pattern with `*` wildcards (matching any run of characters, also none); `**` stands for
 * a literal asterisk. Without a wildcard it is an exact comparison.
 */
export function wildcardMatcher(pattern: string): (value: string) => boolean {
  let source = '';
  let literal = '';
  let wildcard = false;
  for (let i = 0; i < pattern.length; i += 1) {
    const char = pattern[i]!;
    if (char === '*' && pattern[i + 1] === '*') {
      source += '\\*';
      literal += '*';
      i += 1;
    } else if (char === '*') {
      source += '.*';
      wildcard = true;
    } else {
      source += char.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      literal += char;
    }
  }
  if (!wildcard) return (value) => value === literal;
  const star = pattern.indexOf('*');
  if (!pattern.includes('**') && star === pattern.length - 1) {
    const prefix = pattern.slice(0, -1);
    return (value) => value.startsWith(prefix);
  }
  if (!pattern.includes('**') && star === 0 && pattern.indexOf('*', 1) === -1) {
    const suffix = pattern.slice(1);
    return (value) => value.endsWith(suffix);
  }
  const regex = new RegExp(`^${source}$`, 's');
  return (value) => regex.test(value);
}

// ---------------------------------------------------------------- ordering

export interface SortKey {
  property: string;
  descending: boolean;
}

/** The sort keys of an `orderBy` value; throws QuerySyntaxError where the 'direction' syntax refuses it. */
export function parseSortKeys(raw: string, dialect: Pick<QueryDialect, 'sortKeys'>): SortKey[] {
  const parts = raw.split(',').map((part) => part.trim()).filter((part) => part !== '');
  if (dialect.sortKeys === 'sign') {
    return parts.map((part) => (part.startsWith('-') ? { property: part.slice(1), descending: true } : { property: part.replace(/^\+/, ''), descending: false }));
  }
  const keys = parts.map((part) => {
    const colon = part.indexOf(':');
    const direction = colon === -1 ? 'asc' : part.slice(0, colon).toLowerCase();
    const property = colon === -1 ? part : part.slice(colon + 1).trim();
    if ((direction !== 'asc' && direction !== 'desc') || property === '') throw new QuerySyntaxError('invalid sort key', `'${part}' is not asc:{PROPERTY} or desc:{PROPERTY}`);
    return { property, descending: direction === 'desc' };
  });
  if (keys.length === 0) throw new QuerySyntaxError('no sort key', 'no sort key is given');
  return keys;
}

/** Orders objects by their sort keys: the first key that differs decides. */
export function comparatorFor(keys: SortKey[], dialect: Pick<QueryDialect, 'values' | 'missingValues'>): Comparator {
  const order = valueOrder(dialect);
  if (keys.length === 1) {
    const { property, descending } = keys[0]!;
    const sign = descending ? -1 : 1;
    // the common case of a single numeric key (created, updated) without the general comparison
    return (a, b) => {
      const x = a[property];
      const y = b[property];
      if (typeof x === 'number' && typeof y === 'number') return sign * (x - y);
      return sign * order(x, y);
    };
  }
  return (a, b) => {
    for (const { property, descending } of keys) {
      const difference = order(a[property], b[property]);
      if (difference !== 0) return descending ? -difference : difference;
    }
    return 0;
  };
}
