import { useEffect, useRef } from 'react';
import * as monaco from './monaco-bundle';
import EditorWorker from 'monaco-editor/editor/editor.worker.js?worker';
import JsonWorker from 'monaco-editor/languages/features/json/json.worker.js?worker';
import { localSettings } from '../../../state/local-settings';
import type { EditorHandle, EditorProps } from './editor-types';

// Workers are bundled files served from our own origin, which the CSP allows ('self').
(self as unknown as { MonacoEnvironment: unknown }).MonacoEnvironment = {
  getWorker(_id: string, label: string) {
    return label === 'json' ? new JsonWorker() : new EditorWorker();
  },
};

/** Kept per window: whether Tab leaves the editor (the default) or indents. */
const TAB_SETTING = 'editor.tabMovesFocus';

const dark = () => window.matchMedia('(prefers-color-scheme: dark)').matches;

/** Monaco, loaded lazily (never in the initial bundle), with the provider's JSON Schema. */
export default function MonacoEditor(props: EditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const editor = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  const latest = useRef(props);
  useEffect(() => {
    latest.current = props;
  });

  useEffect(() => {
    const model = monaco.editor.createModel(props.value, props.language, monaco.Uri.parse(props.modelUri));
    const instance = monaco.editor.create(host.current!, {
      model,
      theme: dark() ? 'vs-dark' : 'vs',
      automaticLayout: true,
      minimap: { enabled: false },
      fontSize: 13,
      tabSize: 2,
      scrollBeyondLastLine: false,
      wordWrap: 'on',
      ariaLabel: props.ariaLabel,
      fixedOverflowWidgets: true,
      // Tab walks the page by default, so Options and Send stay reachable; Ctrl+M makes it indent.
      tabFocusMode: localSettings.number(TAB_SETTING, 1) === 1,
    });
    editor.current = instance;
    const changes = model.onDidChangeContent(() => latest.current.onChange(model.getValue()));
    instance.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, () => latest.current.onSubmit?.());
    const tabMovesFocus = () => instance.getOption(monaco.editor.EditorOption.tabFocusMode);
    const toggleTabMovesFocus = () => {
      const on = !tabMovesFocus();
      // The editor's own option, not Monaco's page-wide toggle, which would override it forever.
      instance.updateOptions({ tabFocusMode: on });
      localSettings.setNumber(TAB_SETTING, on ? 1 : 0);
      latest.current.onTabMovesFocus?.(on);
    };
    instance.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyM, toggleTabMovesFocus);
    props.onTabMovesFocus?.(tabMovesFocus());
    const scheme = window.matchMedia('(prefers-color-scheme: dark)');
    const onScheme = () => monaco.editor.setTheme(dark() ? 'vs-dark' : 'vs');
    scheme.addEventListener('change', onScheme);
    const handle: EditorHandle = {
      revealOffset(offset) {
        const position = model.getPositionAt(offset);
        instance.setPosition(position);
        instance.revealPositionInCenter(position);
        instance.focus();
      },
      focus: () => instance.focus(),
      toggleTabMovesFocus,
    };
    props.onReady?.(handle);
    return () => {
      scheme.removeEventListener('change', onScheme);
      changes.dispose();
      instance.dispose();
      model.dispose();
      editor.current = null;
    };
    // The model is created once per uri/language; later value changes are applied below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [props.modelUri, props.language]);

  // Outside changes (a template, format/minify, a restored draft) replace the text.
  useEffect(() => {
    const model = editor.current?.getModel();
    if (model && model.getValue() !== props.value) {
      editor.current!.pushUndoStop();
      model.pushEditOperations([], [{ range: model.getFullModelRange(), text: props.value }], () => null);
      editor.current!.pushUndoStop();
    }
  }, [props.value]);

  useEffect(() => {
    monaco.jsonDefaults.setDiagnosticsOptions({
      validate: true,
      allowComments: false,
      enableSchemaRequest: false,
      schemas: props.schema
        ? [{ uri: `${props.modelUri}.schema.json`, fileMatch: [props.modelUri], schema: props.schema }]
        : [],
    });
  }, [props.schema, props.modelUri]);

  return <div ref={host} className="monaco-host" data-testid="payload-monaco" />;
}
