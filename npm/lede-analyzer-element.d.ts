// Type declarations for the <lede-analyzer> web component (lede-analyzer/element).
import type { Report } from './index.js';

export type LedeLayer = 'sentences' | 'entities' | 'boilerplate' | 'repeats';
export type LedeTheme = 'light' | 'dark' | 'auto';

/**
 * `<lede-analyzer text="..." layers="entities boilerplate" theme="dark">`: analyzes its text
 * (the `text` attribute, else its own text content) and shows it in shadow DOM.
 */
export declare class LedeAnalyzerElement extends HTMLElement {
  static readonly observedAttributes: string[];
  /** The text to analyze; setting it sets the `text` attribute. */
  text: string;
  /** The visible layers; all four when the `layers` attribute is absent. */
  get layers(): Set<LedeLayer>;
  set layers(value: Iterable<LedeLayer> | string);
  theme: LedeTheme;
  /** The last Report, or null before the first analysis. */
  readonly report: Report | null;
}

declare global {
  interface HTMLElementTagNameMap {
    'lede-analyzer': LedeAnalyzerElement;
  }
  interface HTMLElementEventMap {
    /** Fired (bubbling, composed) after each analysis; `detail` is the Report. */
    'lede-analyzed': CustomEvent<Report>;
    /** Fired when the WebAssembly module cannot be loaded or the text cannot be analyzed. */
    'lede-error': CustomEvent<unknown>;
  }
}
