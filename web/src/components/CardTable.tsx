import { Table } from '@mantine/core';
import { useLayoutEffect, useRef, type ReactNode } from 'react';

/**
 * A table that becomes a list of cards at phone width (app.css, `.stack-table`), so it never scrolls sideways
 * and each row's status and actions stay in view. On a desktop it is Mantine's scrolling table container.
 *
 * Each card's cells are labelled by their column: a cell's own `data-label` when it sets one (RequestTable),
 * otherwise the text of its column's header, kept in step with the header (a language switch re-labels it).
 */
export function CardTable({ minWidth, className, children }: { minWidth: number; className?: string; children: ReactNode }) {
  const box = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const root = box.current;
    if (!root) return;
    const label = () => {
      for (const table of root.querySelectorAll('table')) {
        const heads = [...table.querySelectorAll(':scope > thead > tr > th')].map((th) => th.textContent?.trim() ?? '');
        for (const row of table.querySelectorAll(':scope > tbody > tr')) {
          [...row.children].forEach((cell, i) => {
            if (cell.hasAttribute('data-label') && !cell.hasAttribute('data-auto-label')) return;
            // A cell spanning columns (an empty list's message) has no one column to be labelled by.
            const text = (cell as HTMLTableCellElement).colSpan > 1 ? '' : (heads[i] ?? '');
            if (cell.getAttribute('data-label') === text) return;
            if (text) {
              cell.setAttribute('data-label', text);
              cell.setAttribute('data-auto-label', '');
            } else {
              cell.removeAttribute('data-label');
              cell.removeAttribute('data-auto-label');
            }
          });
        }
      }
    };
    label();
    // Rows come and go (paging, filters) and headers change language: label again. Attribute changes are not observed, so this never loops.
    const observer = new MutationObserver(label);
    observer.observe(root, { childList: true, subtree: true, characterData: true });
    return () => observer.disconnect();
  }, []);
  return (
    <div ref={box}>
      <Table.ScrollContainer minWidth={minWidth} className={className ? `stack-table ${className}` : 'stack-table'}>
        {children}
      </Table.ScrollContainer>
    </div>
  );
}
