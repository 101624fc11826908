const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/** Escapes element text (the documents have no attributes, so quotes stay as they are). */
export function escapeXml(text: string): string {
  return text.replace(/[&<>]/g, (char) => ESCAPES[char]!);
}

export type XmlField = [name: string, value: string | number | boolean];

export function xmlFields(fields: readonly XmlField[], indent = '  '): string {
  return fields.map(([name, value]) => `${indent}<${name}>${escapeXml(String(value))}</${name}>\n`).join('');
}

/** The <response> document the Target edge answers profile updates with (seed 004). */
export function xmlResponse(fields: readonly XmlField[]): string {
  return `<response>\n${xmlFields(fields)}</response>\n`;
}
