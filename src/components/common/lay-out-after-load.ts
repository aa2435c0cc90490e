/**
 * keylab.css skips laying out lesson blocks far from the viewport while the page parses
 * (`content-visibility: auto`), because a long lesson used to lay out every block on each of the
 * parser's render steps. Kept after load, the shortcut moved things: a jump to a sandbox or a
 * heading lays out the blocks just above it a frame later (10rem guessed, then their real height),
 * which pushed the sandbox ~30 px after the scroll, and a click aimed at Live landed on Practice.
 * Once the parser is done, one layout of the whole page is cheap, so the shortcut ends at `load`.
 */
const layOut = (): void => document.documentElement.setAttribute('data-keylab-loaded', '');

if (document.readyState === 'complete') layOut();
else window.addEventListener('load', layOut, { once: true });
