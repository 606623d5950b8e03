import { useLayoutEffect, useRef, useState, type HTMLAttributes, type ReactNode, type RefObject, type UIEvent } from 'react';

/** Props of the windowed list. */
export interface WindowedListProps<T> {
  readonly items: readonly T[];
  readonly rowHeight: number;
  /** Extra rows rendered above and below the viewport. */
  readonly overscan?: number;
  /** Used when the container has no measured height (tests, first frame). */
  readonly fallbackHeight?: number;
  /** Index to keep scrolled into view. */
  readonly activeIndex: number;
  readonly renderRow: (item: T, index: number) => ReactNode;
  readonly className?: string;
  /** Attributes of the scrolling element (role, aria-*, tabIndex, key handlers). */
  readonly outerProps?: HTMLAttributes<HTMLDivElement> & { ref?: undefined };
  /** Ref to the scrolling element (to focus it). */
  readonly listRef?: RefObject<HTMLDivElement | null>;
}

/**
 * A small virtualised list: renders only the rows in view (plus overscan) inside a spacer of the
 * full height, so 50 000 rows cost what 30 do. Fixed row height keeps the arithmetic exact.
 */
export function WindowedList<T>({
  items,
  rowHeight,
  overscan = 8,
  fallbackHeight = 600,
  activeIndex,
  renderRow,
  className,
  outerProps,
  listRef,
}: WindowedListProps<T>) {
  const ownRef = useRef<HTMLDivElement>(null);
  const ref = listRef ?? ownRef;
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(fallbackHeight);

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => setHeight(el.clientHeight || fallbackHeight);
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, [fallbackHeight, ref]);

  // Keep the active row visible when the keyboard moves it.
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el || activeIndex < 0) return;
    const top = activeIndex * rowHeight;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + rowHeight > el.scrollTop + height) el.scrollTop = top + rowHeight - height;
    setScrollTop(el.scrollTop);
  }, [activeIndex, rowHeight, height, ref]);

  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const last = Math.min(items.length, Math.ceil((scrollTop + height) / rowHeight) + overscan);
  const rows: ReactNode[] = [];
  for (let i = first; i < last; i++) rows.push(renderRow(items[i], i));

  return (
    <div
      {...outerProps}
      ref={ref}
      className={className}
      style={{ overflowY: 'auto', position: 'relative' }}
      onScroll={(e: UIEvent<HTMLDivElement>) => setScrollTop(e.currentTarget.scrollTop)}
    >
      <div style={{ height: items.length * rowHeight, position: 'relative' }}>
        <div style={{ position: 'absolute', top: first * rowHeight, left: 0, right: 0 }}>{rows}</div>
      </div>
    </div>
  );
}
