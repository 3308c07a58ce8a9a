import { useEffect, useRef } from 'react';
import * as monaco from './monaco-bundle';
import EditorWorker from 'monaco-editor/editor/editor.worker.js?worker';
import JsonWorker from 'monaco-editor/languages/features/json/json.worker.js?worker';
import type { EditorHandle, EditorProps } from './editor-types';

// Workers are bundled files served from our own origin, which the CSP allows ('self').
(self as unknown as { MonacoEnvironment: unknown }).MonacoEnvironment = {
  getWorker(_id: string, label: string) {
    return label === 'json' ? new JsonWorker() : new EditorWorker();
  },
};

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
    });
    editor.current = instance;
    const changes = model.onDidChangeContent(() => latest.current.onChange(model.getValue()));
    instance.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, () => latest.current.onSubmit?.());
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
