/**
 * The bars that stick at the top of a page (the top bar, then the editor's
 * toolbar) take more rows in a narrow window. What sticks below them reads
 * their heights from CSS variables (`--topbar-height`, `--toolbar-height`,
 * used in app.css and cycle.css) that this keeps current.
 */

/** Keeps the CSS variable `variable` on the root element equal to `element`'s height while the element is in the page. */
export function trackHeight(element: HTMLElement, variable: string): void {
  const observer = new ResizeObserver(() => {
    // a bar taken out of the page (another page shown) leaves the variable to its successor
    if (!element.isConnected) { observer.disconnect(); return }
    document.documentElement.style.setProperty(variable, `${element.offsetHeight}px`)
  })
  observer.observe(element)
}
