import { Box } from '@mantine/core';
import { useElementSize } from '@mantine/hooks';
import { useEffect, useMemo, useState } from 'react';
import { emailFrameDocument, FRAME_BODY_CSS, FRAME_CONTENT_CSS } from './email-format';

/** Below this an email still reads as a card; above it the frame scrolls inside, so a newsletter does not take over a timeline. */
const MIN_HEIGHT = 60;
const MAX_HEIGHT = 1500;

/** Elements kept for measuring; anything else is unwrapped to its children (its text still counts). */
const LAYOUT_TAGS = new Set(
  'p div span br hr b strong i em u s small sub sup a font center table thead tbody tfoot tr td th caption ul ol li dl dt dd blockquote pre code h1 h2 h3 h4 h5 h6 img section article header footer'.split(
    ' ',
  ),
);

/**
 * An attribute-free copy of the (already sanitized) HTML for measuring its height in this page. The frame
 * is sandboxed without same-origin, so this page cannot look inside it; instead the same content is laid out
 * off-screen with the same styles. The copy has no attributes at all (no handlers, no URLs: nothing runs and
 * nothing loads) except image sizes, table spans and inline data: images.
 */
export function inertLayoutCopy(html: string, into: Document): DocumentFragment {
  const parsed = new DOMParser().parseFromString(html, 'text/html');
  const fragment = into.createDocumentFragment();
  const copy = (node: Node, parent: Node) => {
    if (node.nodeType === Node.TEXT_NODE) {
      parent.appendChild(into.createTextNode(node.textContent ?? ''));
      return;
    }
    if (node.nodeType !== Node.ELEMENT_NODE) return;
    const element = node as Element;
    const tag = element.tagName.toLowerCase();
    if (tag === 'script' || tag === 'style' || tag === 'iframe' || tag === 'object' || tag === 'embed') return;
    if (!LAYOUT_TAGS.has(tag)) {
      for (const child of element.childNodes) copy(child, parent);
      return;
    }
    const clean = into.createElement(tag === 'a' || tag === 'font' ? 'span' : tag);
    for (const name of ['width', 'height', 'colspan', 'rowspan']) {
      const value = element.getAttribute(name);
      if (value && /^\d{1,5}%?$/.test(value)) clean.setAttribute(name, value);
    }
    const src = element.getAttribute('src');
    if (tag === 'img' && src?.startsWith('data:image/') && !src.startsWith('data:image/svg')) clean.setAttribute('src', src);
    for (const child of element.childNodes) copy(child, clean);
    parent.appendChild(clean);
  };
  for (const child of parsed.body.childNodes) copy(child, fragment);
  return fragment;
}

/** The height the frame needs at a given width: laid out off-screen in a shadow root with the frame's styles. */
function useMeasuredHeight(html: string, width: number): number | null {
  const [height, setHeight] = useState<number | null>(null);
  useEffect(() => {
    if (width <= 0) return;
    const host = document.createElement('div');
    host.setAttribute('aria-hidden', 'true');
    host.style.cssText = `position:absolute;left:-100000px;top:0;visibility:hidden;width:${width}px`;
    const root = host.attachShadow({ mode: 'open' });
    const style = document.createElement('style');
    style.textContent = `.page{${FRAME_BODY_CSS}}${FRAME_CONTENT_CSS}`;
    const page = document.createElement('div');
    page.className = 'page';
    page.appendChild(inertLayoutCopy(html, document));
    root.append(style, page);
    document.body.appendChild(host);
    const measure = () => setHeight(Math.ceil(page.getBoundingClientRect().height));
    measure();
    // Inline images take their size when decoded.
    for (const image of page.querySelectorAll('img')) image.addEventListener('load', measure);
    return () => host.remove();
  }, [html, width]);
  return height;
}

/**
 * A sanitized HTML body in a sandboxed frame: no scripts, no same-origin, no forms; links open in a new
 * tab. Sized to its content (see inertLayoutCopy), within MIN_HEIGHT..MAX_HEIGHT.
 */
export function EmailBodyFrame({ html, title }: { html: string; title: string }) {
  const { ref, width } = useElementSize();
  const measured = useMeasuredHeight(html, Math.round(width));
  const srcDoc = useMemo(() => emailFrameDocument(html), [html]);
  // A few pixels spare: the frame's fonts can differ slightly from the page's.
  const height = Math.min(MAX_HEIGHT, Math.max(MIN_HEIGHT, (measured ?? 160) + 8));
  return (
    <Box ref={ref} w="100%" style={{ borderRadius: 'var(--mantine-radius-sm)', overflow: 'hidden', border: '1px solid var(--mantine-color-default-border)' }}>
      <iframe
        title={title}
        sandbox="allow-popups allow-popups-to-escape-sandbox"
        srcDoc={srcDoc}
        referrerPolicy="no-referrer"
        style={{ display: 'block', width: '100%', height, border: 0, background: '#fff' }}
        data-testid="email-body-frame"
      />
    </Box>
  );
}
