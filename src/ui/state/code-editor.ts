/**
 * The model-code editor: CodeMirror 6 with JavaScript highlighting, line numbers, undo history and
 * lint diagnostics at the problem's line (checked as the user types). Tab is left to move focus
 * (keyboard users leave the editor with it); Ctrl-] / Ctrl-[ indent. The page owns the text: the
 * editor reports each change and accepts replacements (an upload, an example).
 */
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { javascript } from '@codemirror/lang-javascript';
import { bracketMatching, defaultHighlightStyle, indentOnInput, syntaxHighlighting } from '@codemirror/language';
import { linter, lintGutter, lintKeymap, type Diagnostic } from '@codemirror/lint';
import { Compartment, EditorState } from '@codemirror/state';
import { drawSelection, EditorView, highlightActiveLine, highlightActiveLineGutter, keymap, lineNumbers } from '@codemirror/view';
import type { ProblemRange } from './model-code';

/** Milliseconds after the last keystroke before the editor marks problems (the list below updates at once). */
export const LINT_DELAY_MS = 250;

export interface CodeEditorOptions {
  readonly text: string;
  /** The accessible name of the editable area. */
  readonly label: string;
  /** Problems of `text` as ranges. */
  readonly check: (text: string) => readonly ProblemRange[];
  readonly onChange: (text: string) => void;
}

/** A mounted editor: replace its text, put the cursor somewhere, take it down. */
export interface CodeEditor {
  setText(text: string): void;
  /** Renames the editable area (the module's file name changed). */
  setLabel(label: string): void;
  focusAt(offset: number): void;
  destroy(): void;
}

const theme = EditorView.theme({
  '&': { border: '1px solid var(--border)', borderRadius: 'var(--radius)', fontSize: '0.85rem', background: '#fff' },
  '&.cm-focused': { outline: '2px solid #0b4f8a' },
  '.cm-scroller': { minHeight: '14rem', maxHeight: '32rem', overflow: 'auto', fontFamily: 'ui-monospace, SFMono-Regular, Menlo, monospace' },
});

/** Mounts an editor in `parent`. */
export function createCodeEditor(parent: HTMLElement, options: CodeEditorOptions): CodeEditor {
  const label = new Compartment();
  const labelled = (text: string) => EditorView.contentAttributes.of({ 'aria-label': text });
  const lint = linter((view): Diagnostic[] => options.check(view.state.doc.toString()).map((r) => ({ ...r, severity: 'error' })), { delay: LINT_DELAY_MS });
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc: options.text,
      extensions: [
        lineNumbers(),
        highlightActiveLineGutter(),
        highlightActiveLine(),
        history(),
        drawSelection(),
        indentOnInput(),
        bracketMatching(),
        syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
        javascript(),
        lint,
        lintGutter(),
        keymap.of([...defaultKeymap, ...historyKeymap, ...lintKeymap]),
        theme,
        label.of(labelled(options.label)),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) options.onChange(update.state.doc.toString());
        }),
      ],
    }),
  });
  return {
    setText(text) {
      if (text === view.state.doc.toString()) return;
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
    },
    setLabel(text) {
      view.dispatch({ effects: label.reconfigure(labelled(text)) });
    },
    focusAt(offset) {
      view.dispatch({ selection: { anchor: Math.min(offset, view.state.doc.length) }, scrollIntoView: true });
      view.focus();
    },
    destroy: () => view.destroy(),
  };
}
