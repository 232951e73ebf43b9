import { escapeHtml, markup, raw, safeHref } from './html';

describe('html escaping', () => {
  it('escapes the five characters that matter in content and quoted attributes', () => {
    expect(escapeHtml(`<a href="x" title='y'>&amp;</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;',
    );
  });

  it('escapes interpolated text but not nested fragments, and prints nothing for false or undefined', () => {
    const name = '<script>alert(1)</script>';
    const out = markup`<p title="${name}">${name}${markup`<b>${'&'}</b>`}${false}${undefined}${[1, '<', raw('<i>')]}</p>`;
    expect(out.value).toBe(
      '<p title="&lt;script&gt;alert(1)&lt;/script&gt;">&lt;script&gt;alert(1)&lt;/script&gt;<b>&amp;</b>1&lt;<i></p>',
    );
  });

  it('lets only http(s) and mailto links through', () => {
    expect(safeHref('https://example.org/a b')).toBe('https://example.org/a%20b');
    expect(safeHref('mailto:care@example.org')).toBe('mailto:care@example.org');
    expect(safeHref('javascript:alert(1)')).toBeUndefined();
    expect(safeHref('data:text/html,<script>')).toBeUndefined();
    expect(safeHref('/relative')).toBeUndefined();
  });
});
