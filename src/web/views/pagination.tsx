/**
 * The DSFR pagination of a list: previous, the first, the neighbours of the current page, the
 * last, next. A link where there is nowhere to go is marked disabled rather than left out, so
 * the bar keeps its place and a screen reader hears why.
 */
import type { VNode } from 'preact';

export function Pagination({
  label,
  page,
  pageCount,
  href,
}: {
  /** The navigation's name, e.g. « Pagination des inscriptions ». */
  label: string;
  page: number;
  pageCount: number;
  href: (page: number) => string;
}): VNode {
  const shown = [...new Set([1, page - 1, page, page + 1, pageCount])]
    .filter((n) => n >= 1 && n <= pageCount)
    .sort((a, b) => a - b);
  const edge = (text: string, kind: 'prev' | 'next', target: number | undefined): VNode => {
    const cls = `fr-pagination__link fr-pagination__link--${kind} fr-pagination__link--lg-label`;
    return target === undefined ? (
      <a class={cls} aria-disabled="true" role="link">
        {text}
      </a>
    ) : (
      <a class={cls} href={href(target)}>
        {text}
      </a>
    );
  };
  return (
    <nav role="navigation" class="fr-pagination" aria-label={label}>
      <ul class="fr-pagination__list">
        <li>{edge('Page précédente', 'prev', page > 1 ? page - 1 : undefined)}</li>
        {shown.map((n) => (
          <li>
            <a
              class="fr-pagination__link"
              href={href(n)}
              aria-current={n === page ? 'page' : undefined}
              title={`Page ${n}`}
            >
              {n}
            </a>
          </li>
        ))}
        <li>{edge('Page suivante', 'next', page < pageCount ? page + 1 : undefined)}</li>
      </ul>
    </nav>
  );
}
