import { el, escapeXml, renderXmlDocument, textEl } from './xml';

describe('XML writing', () => {
  it('escapes the five markup characters', () => {
    expect(escapeXml(`<a href="x">Tom & Jerry's</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&apos;s&lt;/a&gt;',
    );
    expect(escapeXml('&amp;')).toBe('&amp;amp;');
  });

  it('replaces characters XML 1.0 cannot carry instead of writing an unparseable document', () => {
    expect(escapeXml('Assens\u0000Havn\u0007 \uD800 \uFFFF')).toBe('Assens\uFFFDHavn\uFFFD \uFFFD \uFFFD');
    expect(escapeXml('tab\tline\nreturn\r æøå 🌊')).toBe('tab\tline\nreturn\r æøå 🌊');
  });

  it('writes an indented document with escaped attributes, dropping absent children', () => {
    const doc = renderXmlDocument(
      el(
        'root',
        [textEl('a', 'x < y'), undefined, false, el('empty', [], [['href', 'https://x/?a=1&b="2"']])],
        [['xmlns', 'urn:x']],
      ),
    );
    expect(doc).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<root xmlns="urn:x">',
        '  <a>x &lt; y</a>',
        '  <empty href="https://x/?a=1&amp;b=&quot;2&quot;"/>',
        '</root>',
        '',
      ].join('\n'),
    );
  });
});
