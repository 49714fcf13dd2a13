// SPDX-License-Identifier: MIT
// The element's styles (Shadow DOM: host styles stay out, ours stay in). Colours meet WCAG AA
// contrast on their backgrounds; every control has a visible focus ring and a target of at least
// 24 px (44 px for the patient's answers); motion only where the user has not asked for less.
import { css } from 'lit';

export const styles = css`
  :host { display: block; font: 16px/1.5 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;
    color: #1b1f24; background: #f4f6f8; max-width: 76rem; margin: 0 auto; padding: .75rem;
    box-sizing: border-box; --accent: #0b57d0; --accent-dark: #0842a0; --muted: #4b5563;
    --line: #c9ced6; --danger: #b3261e; --warn: #7a4f01; --ok: #1e6b34; }
  *, *::before, *::after { box-sizing: inherit; }
  [hidden] { display: none !important; }
  h1 { font-size: 1.45rem; line-height: 1.2; margin: 0; }
  h2 { font-size: 1.3rem; line-height: 1.25; margin: 0 0 .5rem; }
  h3 { font-size: 1.1rem; margin: 1.25rem 0 .4rem; }
  h4 { font-size: 1rem; margin: .75rem 0 .25rem; }
  p { margin: .4rem 0; }
  h2:focus, h3:focus { outline: none; }
  h2:focus-visible { outline: 3px solid var(--accent); outline-offset: 3px; }
  :focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
  a { color: var(--accent-dark); }
  code { font-size: .85em; color: var(--muted); }
  a, code, details.src, footer, .hits, .findings { overflow-wrap: anywhere; }
  small, .muted { color: var(--muted); }
  .sr-only { position: absolute; width: 1px; height: 1px; margin: -1px; overflow: hidden;
    clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
  ul.plain { list-style: none; padding: 0; margin: 0; }

  header.top { display: flex; flex-wrap: wrap; gap: .75rem 1.5rem; align-items: center;
    justify-content: space-between; padding: .25rem 0 .75rem; }
  .brand p { margin: .15rem 0 0; color: var(--muted); font-size: .95rem; }
  .modes { display: flex; border: 0; margin: 0; padding: 0; gap: .5rem; align-items: center; flex-wrap: wrap; }
  .modes legend { float: left; margin-right: .25rem; font-size: .9rem; color: var(--muted); }
  .seg { display: inline-flex; border: 2px solid var(--accent); border-radius: 999px; overflow: hidden; }
  .seg label { position: relative; cursor: pointer; }
  .seg span { display: block; padding: .45rem .9rem; min-height: 40px; font-weight: 600; color: var(--accent-dark); text-align: center; }
  @media (max-width: 30rem) { .modes, .seg { width: 100%; } .seg { display: grid; grid-template-columns: 1fr 1fr; } .seg span { padding: .45rem .4rem; } }
  .seg input { position: absolute; opacity: 0; inset: 0; width: 100%; height: 100%; margin: 0; cursor: pointer; }
  .seg input:checked + span { background: var(--accent); color: #fff; }
  .seg input:focus-visible + span { outline: 3px solid #1b1f24; outline-offset: -5px; }

  .disclaimer { border-left: 5px solid var(--danger); background: #fff; padding: .6rem .9rem;
    margin: 0 0 .75rem; border-radius: 4px; font-size: .9rem; }
  .card, .panel { background: #fff; border: 1px solid var(--line); border-radius: 10px; padding: 1rem; margin: 0 0 1rem; }
  .panel > h3:first-child, .card > h3:first-child { margin-top: 0; }
  .narrow { max-width: 44rem; margin: 0 auto; }

  .btn { font: inherit; font-weight: 600; min-height: 40px; padding: .4rem .9rem; border-radius: 8px;
    border: 2px solid var(--accent); background: #fff; color: var(--accent-dark); cursor: pointer; }
  .btn.primary { background: var(--accent); color: #fff; }
  /* Hover only where there is a pointer that hovers: on a phone a tapped button must not stay lit
     on the next question. */
  @media (hover: hover) {
    .btn:hover { background: #e8f0fe; }
    .btn.primary:hover { background: var(--accent-dark); }
    .btn.danger:hover { background: #fdecea; }
  }
  .btn.sm { min-height: 32px; padding: .15rem .6rem; font-size: .9rem; }
  .btn.danger { border-color: var(--danger); color: var(--danger); }
  .btn.link { border-color: transparent; text-decoration: underline; background: transparent; }
  .btn[aria-pressed='true'] { background: var(--accent); color: #fff; }
  .btn:disabled { opacity: .6; cursor: not-allowed; }
  .row { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; }
  .nav { display: flex; flex-wrap: wrap; gap: .5rem; justify-content: space-between; margin-top: 1rem; }

  input, select { font: inherit; min-height: 36px; border: 1px solid #767f8c; border-radius: 6px; padding: .2rem .4rem; background: #fff; color: inherit; }
  input[type=number] { width: 6rem; }
  input[type=search] { width: 100%; }
  label.field { display: inline-flex; flex-direction: column; gap: .15rem; font-weight: 600; font-size: .95rem; min-width: 0; max-width: 100%; }
  .fields { display: flex; flex-wrap: wrap; gap: .75rem 1.25rem; margin: .75rem 0; align-items: flex-end; }

  .casemenu { margin: 0 0 .75rem; }
  .casemenu > summary { cursor: pointer; font-weight: 600; color: var(--accent-dark); padding: .4rem 0; min-height: 32px; }
  .casemenu .row { padding: .5rem 0; }
  .msg { margin: 0 0 .75rem; padding: .5rem .75rem; border-radius: 6px; background: #e6f4ea; border: 1px solid var(--ok); }
  .msg:empty { display: none; }
  .error { background: #fdecea; border: 1px solid var(--danger); padding: .6rem .8rem; border-radius: 6px; margin: 0 0 .75rem; }

  /* Patient mode */
  .progress { color: var(--muted); font-weight: 600; margin: 0 0 .25rem; }
  .question { font-size: clamp(1.15rem, 1rem + 1vw, 1.35rem); }
  .answers-big { display: grid; grid-template-columns: repeat(auto-fit, minmax(8.5rem, 1fr)); gap: .6rem; margin: 1rem 0; }
  .answers-big.n3 { grid-template-columns: repeat(3, minmax(0, 1fr)); }
  .answers-big .btn { min-height: 56px; font-size: 1.1rem; padding: .4rem .5rem; overflow-wrap: anywhere; }
  details.why, details.src { margin: .5rem 0; }
  details > summary { cursor: pointer; min-height: 24px; }
  .intro-list { padding-left: 1.2rem; }
  .dx-lay li { margin: .2rem 0; }
  .urgent { border-radius: 10px; padding: .8rem 1rem; margin: 0 0 1rem; border: 2px solid; }
  .urgent h2, .urgent h3 { margin: 0 0 .3rem; font-size: 1.2rem; }
  .urgent ul { margin: .25rem 0 0; padding-left: 1.2rem; }
  .act-emergency { background: #fdecea; border-color: var(--danger); }
  .act-urgent { background: #fff4d6; border-color: #8a5a00; }
  .act-soon { background: #eef3fb; border-color: var(--accent); }
  .act-routine { background: #f2f3f5; border-color: #59616b; }
  .urgent .why-label { margin: .4rem 0 0; font-weight: 600; }
  .role-flags { margin: .1rem 0 .3rem; padding-left: 1.2rem; list-style: disc; }
  .list .why-label { margin: .3rem 0 0; font-weight: 600; }
  .safetynet { border-left: 5px solid var(--accent); padding: .2rem .8rem; margin: 0 0 1rem; background: #f7f9fc; }
  .v-info { background: #eef3fb; border-color: var(--accent); }
  .readback { font-weight: 600; margin: .2rem 0 0; }
  fieldset.agebox, fieldset.who { border: 0; padding: 0; margin: .75rem 0; }
  fieldset.agebox legend, fieldset.who legend { font-weight: 600; padding: 0; }
  fieldset.agebox .fields { margin: .25rem 0; }
  .ownwords { margin: 1rem 0; }
  .case-note { white-space: pre-wrap; overflow-wrap: anywhere; margin: .5rem 0 0; }
  .ownwords textarea { width: 100%; font: inherit; border: 1px solid #767f8c; border-radius: 6px; padding: .4rem; }
  .answers-list { display: grid; gap: .5rem; margin: 1rem 0; }
  .answers-list .btn { min-height: 52px; text-align: left; }
  .film ol { padding-left: 1.2rem; }
  .verdict { display: flex; flex-wrap: wrap; gap: .25rem 1rem; padding: .6rem .8rem; border-radius: 6px; margin: .5rem 0; border: 1px solid; }
  .v-met, .lv-definite, .lv-probable { background: #eef3fb; border-color: var(--accent-dark); }
  .v-not_met, .lv-non_pns, .lv-not_applicable { background: #f2f3f5; border-color: #59616b; }
  .v-indeterminate, .lv-possible { background: #fff4d6; border-color: #8a5a00; }
  .list > li { padding: .5rem 0; border-top: 1px solid #e3e6ea; }
  .list > li:first-child { border-top: 0; }
  .list p { margin: .15rem 0; }
  .answered li { display: flex; justify-content: space-between; gap: .5rem; align-items: center; padding: .3rem 0; border-top: 1px solid #e3e6ea; }

  /* Chips and evidence */
  .chip { display: inline-block; font-size: .8rem; font-weight: 600; padding: 0 .45rem; border-radius: 999px;
    border: 1px solid currentColor; margin-left: .35rem; white-space: normal; max-width: 100%; vertical-align: middle; }
  .u-emergency { color: var(--danger); }
  .u-urgent { color: #8a4b00; }
  .u-soon, .u-routine { color: var(--accent-dark); }
  .ev { font-size: .8rem; font-weight: 600; padding: 0 .4rem; border-radius: 4px; border: 1px solid; white-space: normal; overflow-wrap: anywhere; box-decoration-break: clone; -webkit-box-decoration-break: clone; }
  .ev-V { color: var(--ok); }
  .ev-S { color: #3d4650; }
  .ev-U { color: var(--warn); background: #fff4d6; border-style: dashed; }
  details.src { font-size: .9rem; }
  details.src summary { color: var(--muted); }
  details.src ul { margin: .25rem 0; padding-left: 1.2rem; }

  /* Illustration */
  figure.eyes { margin: .75rem 0; }
  .eyes-panels { display: grid; grid-template-columns: repeat(auto-fit, minmax(9rem, 1fr)); gap: .5rem; }
  .eyes-panels > div { border: 1px solid var(--line); border-radius: 8px; padding: .5rem; text-align: center; }
  .eyes svg { width: 100%; max-width: 16rem; height: auto; }
  .eyes p { margin: .2rem 0; font-size: .95rem; }
  .sclera { fill: #fff; stroke: #1b1f24; stroke-width: 2; }
  .iris { fill: #3a6ea5; }
  .pupil { fill: #111; }
  .trace { fill: none; stroke: var(--accent-dark); stroke-width: 1.5; stroke-dasharray: 3 2; }
  .opso { animation: opso 2.4s linear infinite; }
  .nyst { animation: nyst 2.4s linear infinite; }
  .steady { animation: steady 4.8s ease-in-out infinite; }
  .paused .opso, .paused .nyst, .paused .steady { animation-play-state: paused; }
  @keyframes steady { 0%, 30% { transform: translate(0, 0); } 45%, 75% { transform: translate(6px, 0); } 90%, 100% { transform: translate(0, 0); } }
  @keyframes opso { 0% { transform: translate(0, 0); } 4% { transform: translate(8px, -5px); }
    8% { transform: translate(-9px, 3px); } 12% { transform: translate(5px, 6px); } 16% { transform: translate(-4px, -6px); }
    20% { transform: translate(9px, 2px); } 24% { transform: translate(-7px, -4px); } 28% { transform: translate(3px, 5px); }
    32% { transform: translate(-9px, 0); } 36% { transform: translate(7px, -6px); } 40% { transform: translate(-3px, 6px); }
    44% { transform: translate(6px, 1px); } 48%, 100% { transform: translate(0, 0); } }
  @keyframes nyst { 0% { transform: translate(7px, 0); } 29% { transform: translate(-7px, 0); } 33% { transform: translate(7px, 0); }
    62% { transform: translate(-7px, 0); } 66% { transform: translate(7px, 0); } 95% { transform: translate(-7px, 0); }
    99%, 100% { transform: translate(7px, 0); } }

  /* Clinician mode */
  .cols { display: grid; gap: 1rem; grid-template-columns: minmax(0, 1fr); }
  @media (min-width: 60rem) { .cols { grid-template-columns: minmax(0, 5fr) minmax(0, 7fr); align-items: start; } }
  fieldset.group { border: 1px solid var(--line); border-radius: 8px; margin: 0 0 1rem; padding: .5rem .75rem .75rem; min-width: 0; }
  fieldset.group > legend { font-weight: 700; padding: 0 .25rem; }
  fieldset.tri { border: 1px solid #d6dae0; border-radius: 6px; margin: 0 0 .6rem; padding: .3rem .75rem; }
  fieldset.tri legend { font-weight: 600; padding: 0 .25rem; }
  .choice { display: inline-flex; align-items: center; gap: .35rem; margin: .15rem 1rem .15rem 0; min-height: 36px; cursor: pointer; }
  input[type=radio] { width: 1.2rem; height: 1.2rem; min-height: 0; margin: 0; }
  .kv { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: .35rem .75rem; align-items: center; margin: .25rem 0; }
  .kv select { width: 100%; }
  select { max-width: 100%; }
  .kv label { font-size: .95rem; }
  .hits > li, .findings > li { display: flex; flex-wrap: wrap; justify-content: space-between; gap: .25rem .5rem;
    align-items: center; padding: .35rem 0; border-top: 1px solid #e3e6ea; }
  .hits small, .findings small { display: block; }
  .saved .rec { flex: 1 1 12rem; min-width: 0; }
  .saved .problem { color: var(--danger); }
  .msg, .error, dialog { overflow-wrap: anywhere; }
  .choices { display: flex; flex-wrap: wrap; gap: .35rem; margin: .35rem 0; }
  .dx > li { margin: 0 0 .6rem; }
  .dxrow { display: grid; grid-template-columns: minmax(0, 1fr) 3.5rem; gap: .1rem .5rem; align-items: center; }
  .dxrow svg { grid-column: 1 / -1; width: 100%; height: 8px; }
  .bar-track { fill: #e3e6ea; }
  .bar-fill { fill: var(--accent); }
  .pct { text-align: right; font-variant-numeric: tabular-nums; font-weight: 600; }
  table { border-collapse: collapse; width: 100%; font-size: .9rem; margin: .4rem 0; }
  th, td { text-align: left; padding: .3rem .4rem; border-bottom: 1px solid #e3e6ea; vertical-align: top; }
  th { font-weight: 700; }
  .scroll { overflow-x: auto; }
  .wu { padding: .6rem 0; border-top: 1px solid #e3e6ea; }
  .wu:first-child { border-top: 0; }
  .caution { border-left: 3px solid var(--warn); padding-left: .5rem; }
  .caution[data-applies="yes"] { border-left-color: var(--danger); }
  .wu-head { display: flex; flex-wrap: wrap; gap: .25rem; align-items: baseline; justify-content: space-between; }
  .st { font-size: .85rem; font-weight: 600; color: var(--muted); }
  .st-done_abnormal { color: var(--danger); }
  svg.chart { width: 100%; max-width: 36rem; height: auto; }
  .chart .axis { stroke: #59616b; }
  .chart .line { fill: none; stroke: var(--accent); stroke-width: 2; }
  .chart .dot { fill: var(--accent); }
  .chart text { font-size: 10px; fill: #3d4650; }
  dialog { border: 1px solid var(--line); border-radius: 10px; padding: 1rem; max-width: min(36rem, calc(100vw - 2rem)); color: inherit; }
  dialog::backdrop { background: rgb(0 0 0 / .45); }
  footer { font-size: .85rem; color: var(--muted); margin-top: 1.5rem; }

  .print-only { display: none; }
  @media (prefers-reduced-motion: reduce) { * { scroll-behavior: auto !important; } }
  @media print {
    :host { background: #fff; max-width: none; padding: 0; font-size: 9.5pt; line-height: 1.3; }
    .screen { display: none !important; }
    .print-only { display: block; }
    .summary h2 { font-size: 13pt; margin: 0 0 2pt; }
    .summary h3 { font-size: 10.5pt; margin: 6pt 0 2pt; }
    .summary p, .summary li { margin: 1pt 0; }
    .summary ul { margin: 0; padding-left: 12pt; }
    .summary table { font-size: 8.5pt; margin: 2pt 0; }
    .summary th, .summary td { padding: 1pt 3pt; }
    .summary .two { columns: 2; column-gap: 14pt; }
  }
`;
