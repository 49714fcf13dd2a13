// SPDX-License-Identifier: MIT
// An illustration where words fail: normal, steady eyes next to chaotic, multidirectional eye
// movements (opsoclonus) and rhythmic nystagmus (slow drift, quick jump back), with how to film the
// eyes on a phone for the doctor. Captions are the knowledge base's labels. It starts paused when
// the user prefers reduced motion (prefers-reduced-motion), can always be paused or played, and
// shows each movement's path as a still drawing too.
import { html, svg } from 'lit';

/** The features whose question gets this illustration. */
export const EYE_FEATURES = new Set(['HP:0010543', 'HP:0031931', 'HP:0000639']);

const eye = (x, cls) => svg`<ellipse class="sclera" cx=${x} cy="32" rx="26" ry="17"/>
  <g class=${cls}><circle class="iris" cx=${x} cy="32" r="11"/><circle class="pupil" cx=${x} cy="32" r="5"/>
  <circle cx=${x + 3} cy="28" r="2" fill="#fff"/></g>`;

function panel(cls, trace, variable, t, own) {
  const label = own?.label ?? variable?.label ?? '';
  const lay = own?.lay ?? variable?.lay ?? '';
  const name = label ? `${label}: ${lay}` : cls;
  return html`<div>
    <svg viewBox="0 0 160 90" role="img" aria-label=${t('eyes.panel', { name })}>
      ${eye(46, cls)}${eye(114, cls)}
      <path class="trace" d=${trace}/>
    </svg>
    <p><strong>${label}</strong></p>
    <p>${lay}</p>
  </div>`;
}

/** `self`: the person answers for themselves, so someone else films them. */
export function eyesIllustration({ vocabulary, paused, onToggle, t, self = false }) {
  const v = (id) => vocabulary?.variables?.find((x) => x.id === id);
  return html`<figure class="eyes ${paused ? 'paused' : ''}">
    <div class="eyes-panels">
      ${panel('steady', 'M40 78 l80 0', null, t, { label: t('eyes.normal'), lay: t('eyes.normalLay') })}
      ${panel('opso', 'M46 76 l14 -8 l-6 12 l16 -10 l-4 12 l14 -12 l-10 14 l18 -8 l-12 -4 l16 -2', v('HP:0010543'), t)}
      ${panel('nyst', 'M44 84 l18 -10 l0 10 l18 -10 l0 10 l18 -10 l0 10 l18 -10 l0 10', v('HP:0000639'), t)}
    </div>
    <figcaption class="row">
      <span>${t('eyes.caption')}</span>
      <button type="button" class="btn sm" @click=${onToggle}>${t(paused ? 'eyes.play' : 'eyes.pause')}</button>
    </figcaption>
    <details class="film" data-testid="film-guide"><summary>${t('eyes.film.h')}</summary>
      <ol>${['1', '2', '3', '4', '5'].map((k) => html`<li>${t(self && k <= '2' ? `eyes.film.self.${k}` : `eyes.film.${k}`)}</li>`)}</ol>
    </details>
  </figure>`;
}
