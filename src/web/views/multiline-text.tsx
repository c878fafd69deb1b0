/**
 * Text someone typed in a text area (a request, an answer), its line breaks kept: each line
 * escaped as text, joined by <br> (no inline style, which the CSP forbids).
 */
import type { VNode } from 'preact';

export function MultilineText({ text, class: className }: { text: string; class?: string }): VNode {
  const lines = text.split('\n');
  return (
    <p class={className}>
      {lines.map((line, i) => (
        <>
          {i > 0 && <br />}
          {line}
        </>
      ))}
    </p>
  );
}
