import { useState } from 'react';
import type { ApnsPushType } from '../../../shared/providers/apns/push-types';
import { simulatorFile } from '../../../shared/providers/apns/simulator-file';
import { DialogFooter } from '../../components/DialogFooter';
import { ModalDialog } from '../../components/ModalDialog';
import { useAnnouncements } from '../../state/announcements';
import { copyText, downloadText } from '../exchanges/actions';

interface Props {
  payload: string;
  pushType: ApnsPushType;
  /** The composer's topic (or the bundle id it would use); the dialog lets it be changed. */
  topic: string;
  onClose(): void;
}

/**
 * The composer's APNs payload as an `.apns` file for the iOS Simulator: the file as it will be
 * saved, why the Simulator may not show it, and the `simctl` command that sends it.
 */
export function SimulatorFileDialog({ payload, pushType, topic, onClose }: Props) {
  const [bundleId, setBundleId] = useState(topic);
  const file = simulatorFile({ payload, pushType, bundleId });
  const announce = useAnnouncements((state) => state.announce);
  return (
    <ModalDialog title="Export for the iOS Simulator (.apns)" testId="simulator-file-dialog" onClose={onClose}>
      <div className="field">
        <label>
          Bundle id (Simulator Target Bundle)
          <input
            autoFocus
            value={bundleId}
            placeholder="com.example.app"
            data-testid="simulator-bundle-id"
            aria-describedby={file.ok ? undefined : 'simulator-file-error'}
            onChange={(event) => setBundleId(event.target.value)}
          />
        </label>
      </div>
      {file.ok ? (
        <>
          {file.warnings.length > 0 && (
            <ul className="simulator-warnings" data-testid="simulator-warnings">
              {file.warnings.map((warning) => (
                <li key={warning}>{warning}</li>
              ))}
            </ul>
          )}
          <pre className="simulator-file mono" data-testid="simulator-file-text">
            {file.text}
          </pre>
          <p className="hint">
            Drop the file on a booted Simulator, or run{' '}
            <code className="mono" data-testid="simulator-command">
              {file.command}
            </code>{' '}
            <button
              type="button"
              className="link"
              onClick={() => void copyText(file.command).then(() => announce('Command copied'))}
            >
              Copy
            </button>
          </p>
        </>
      ) : (
        <p className="field-error" id="simulator-file-error" role="alert" data-testid="simulator-file-error">
          {file.error}
        </p>
      )}
      <DialogFooter
        onCancel={onClose}
        cancelLabel="Close"
        primary={file.ok ? `Save ${file.fileName}` : 'Save'}
        primaryTestId="simulator-file-save"
        primaryDisabled={!file.ok}
        onPrimary={() => {
          if (!file.ok) return;
          downloadText(file.fileName, file.text);
          announce(`Saved ${file.fileName}`);
        }}
      />
    </ModalDialog>
  );
}
