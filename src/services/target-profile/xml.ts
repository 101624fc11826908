import type { Answer } from '../answer.js';

export const XML_TYPE = 'application/xml; charset=utf-8';

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

/** An XML answer (a <response> document, or a stream of one) with its content type. */
export function xmlAnswer(body: Answer['body']): Answer {
  return { body, headers: { 'content-type': XML_TYPE } };
}
