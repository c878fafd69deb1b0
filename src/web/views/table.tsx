/** A DSFR table with its caption (a table's name for screen readers, shown unless hidden). */
import type { ComponentChildren, VNode } from 'preact';

export function Table({
  caption,
  children,
  hiddenCaption = false,
}: {
  caption: string;
  children: ComponentChildren;
  /** When a heading just above already says it: the caption stays for assistive technologies. */
  hiddenCaption?: boolean;
}): VNode {
  return (
    <div class={`fr-table fr-table--multiline${hiddenCaption ? ' fr-table--no-caption' : ''}`}>
      <div class="fr-table__wrapper">
        <div class="fr-table__container">
          <div class="fr-table__content">
            <table>
              <caption>{caption}</caption>
              {children}
            </table>
          </div>
        </div>
      </div>
    </div>
  );
}
