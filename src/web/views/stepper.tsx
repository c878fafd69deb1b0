/** The DSFR stepper: where the candidate is in the wizard, and what comes next. */
import type { VNode } from 'preact';

export function Stepper({
  titles,
  current,
}: {
  titles: readonly string[];
  current: number;
}): VNode {
  const next = titles[current];
  return (
    <div class="fr-stepper">
      <h2 class="fr-stepper__title">
        {titles[current - 1]}
        <span class="fr-stepper__state">
          Étape {current} sur {titles.length}
        </span>
      </h2>
      <div
        class="fr-stepper__steps"
        data-fr-current-step={String(current)}
        data-fr-steps={String(titles.length)}
      ></div>
      {next && (
        <p class="fr-stepper__details">
          <span class="fr-text--bold">Étape suivante :</span> {next}
        </p>
      )}
    </div>
  );
}
