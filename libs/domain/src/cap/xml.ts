// Owns writing XML text: escaping, characters XML 1.0 cannot carry, and a small indented element tree.

// Characters XML 1.0 allows; anything else (a control character pasted into a zone name, a lone
// surrogate) makes the whole document unparseable, so it is replaced instead of passed on.
const NOT_XML_CHAR = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/** Text safe in element content and in double- or single-quoted attribute values. */
export function escapeXml(value: string): string {
  return value.replace(NOT_XML_CHAR, '\uFFFD').replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

export interface XmlElement {
  name: string;
  attrs: [string, string][];
  /** Either text or children; an element with neither is written empty. */
  text?: string;
  children: XmlElement[];
}

type Child = XmlElement | undefined | false;

/** An element with text content. */
export function textEl(name: string, text: string, attrs: [string, string][] = []): XmlElement {
  return { name, attrs, text, children: [] };
}

/** An element with child elements; `undefined`/`false` children are dropped, so optional parts read inline. */
export function el(name: string, children: Child[], attrs: [string, string][] = []): XmlElement {
  return { name, attrs, children: children.filter((c): c is XmlElement => !!c) };
}

/**
 * The document: UTF-8 declaration, two-space indentation, one trailing newline. Text is written on the
 * element's own line without added whitespace, because CAP text values (identifiers, times) are read
 * literally and must not gain spaces.
 */
export function renderXmlDocument(root: XmlElement): string {
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>'];
  write(root, 0, lines);
  return lines.join('\n') + '\n';
}

function write(node: XmlElement, depth: number, lines: string[]): void {
  const pad = '  '.repeat(depth);
  const attrs = node.attrs.map(([k, v]) => ` ${k}="${escapeXml(v)}"`).join('');
  if (node.text !== undefined) {
    lines.push(`${pad}<${node.name}${attrs}>${escapeXml(node.text)}</${node.name}>`);
  } else if (node.children.length === 0) {
    lines.push(`${pad}<${node.name}${attrs}/>`);
  } else {
    lines.push(`${pad}<${node.name}${attrs}>`);
    for (const child of node.children) write(child, depth + 1, lines);
    lines.push(`${pad}</${node.name}>`);
  }
}
