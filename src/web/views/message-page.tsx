/** A page that only says something: errors, confirmations, expired links. */
import type { ComponentChildren, VNode } from 'preact';
import { Layout } from './layout.js';
import type { PageContext } from './page-context.js';

export interface MessagePageProps {
  ctx: PageContext;
  title: string;
  lead?: string;
  children?: ComponentChildren;
}

export function MessagePage({ ctx, title, lead, children }: MessagePageProps): VNode {
  return (
    <Layout ctx={ctx} title={title}>
      <div class="fr-grid-row fr-grid-row--center">
        <div class="fr-col-12 fr-col-md-10 fr-col-lg-8">
          <h1>{title}</h1>
          {lead && <p class="fr-text--lead">{lead}</p>}
          {children}
        </div>
      </div>
    </Layout>
  );
}
