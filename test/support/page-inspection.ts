import type { Page } from 'playwright-core';

/**
 * What the page shows, and whether anything of a hostile payload became markup, widened the
 * page, or let the open bidi override `rtl` (e.g. U+202E …) reorder words after it.
 */
export async function inspectPage(page: Page, rtl: string) {
  return page.evaluate(
    (rtl) => ({
      text: document.body.textContent ?? '',
      injected: document.querySelectorAll(
        'img[src="x"], svg[onload], [onerror], [onload], a[href^="javascript:" i]',
      ).length,
      inlineScripts: [...document.scripts].filter((script) => !script.src).length,
      // The open override of the RTL payload must not reach any words after it: in its own text
      // node it must be closed by an isolate's end (U+2069) before more text, and at the end of
      // the node, nothing may follow within the nearest element that isolates it (or its block).
      unisolated: (() => {
        const found: string[] = [];
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        const isolates = (element: Element) => {
          const style = getComputedStyle(element);

          return (
            ['isolate', 'isolate-override', 'plaintext'].includes(style.unicodeBidi) ||
            !['inline', 'contents'].includes(style.display)
          );
        };

        while (walker.nextNode()) {
          const node = walker.currentNode as Text;
          const at = node.data.indexOf(rtl);

          if (at === -1) continue;

          const rest = node.data.slice(at + rtl.length);

          if (rest !== '') {
            if (!rest.startsWith('\u2069')) found.push(`“…${rest.slice(0, 40)}” reversed`);

            continue;
          }

          let container = node.parentElement;

          while (container && !isolates(container)) container = container.parentElement;

          if (!container) continue;

          const after = document.createRange();

          after.setStartAfter(node);
          after.setEnd(container, container.childNodes.length);

          if (after.toString().trim() !== '') found.push(container.outerHTML.slice(0, 160));
        }

        return found;
      })(),
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: window.innerWidth,
    }),
    rtl,
  );
}
