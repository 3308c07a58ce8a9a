import type { LiveActivityPreviewModel, PreviewProgress } from '../../../../shared/live-activity/preview';

type Model = LiveActivityPreviewModel;

function Progress({ progress, testId }: { progress: PreviewProgress; testId: string }) {
  const percent = Math.round(progress.fraction * 100);
  return (
    <div
      className="la-track"
      role="progressbar"
      aria-label="Progress"
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
      data-testid={testId}
    >
      <div className="la-fill" style={{ width: `${percent}%` }} />
    </div>
  );
}

function Timer({ model, testId }: { model: Model; testId: string }) {
  if (!model.timer) return null;
  return (
    <span
      className="la-timer"
      data-testid={testId}
      title={model.timer.counts === 'down' ? 'Counts down to the date' : 'Counts up from the date'}
    >
      {model.timer.text}
    </span>
  );
}

/** A placeholder where the widget's image would be: the name it was given, not the image. */
function ImagePlaceholder({ name, testId }: { name: string; testId: string }) {
  return (
    <span className="la-image" role="img" aria-label={`Image ${name}`} title={name} data-testid={testId}>
      {name.slice(0, 1).toUpperCase()}
    </span>
  );
}

/** The lock screen (and notification centre) presentation. */
export function LockScreen({ model }: { model: Model }) {
  return (
    <div className="la-lock" data-testid="la-lock">
      <div className="la-lock-row">
        {model.image && <ImagePlaceholder name={model.image} testId="la-lock-image" />}
        <div className="la-lock-text">
          <strong data-testid="la-lock-title">{model.title ?? 'App'}</strong>
          {model.subtitle && <span data-testid="la-lock-subtitle">{model.subtitle}</span>}
        </div>
        <Timer model={model} testId="la-lock-timer" />
      </div>
      {model.progress && <Progress progress={model.progress} testId="la-lock-progress" />}
    </div>
  );
}

/** What fits in a compact or minimal side: the timer, else the progress, else the subtitle. */
function brief(model: Model): string {
  return model.timer?.text ?? model.progress?.text ?? model.subtitle ?? '';
}

/** The Dynamic Island's compact (leading and trailing), minimal and expanded presentations. */
export function DynamicIsland({ model }: { model: Model }) {
  const leading = model.image ? (
    <ImagePlaceholder name={model.image} testId="la-compact-image" />
  ) : (
    <span className="la-compact-text">{model.title ?? ''}</span>
  );
  return (
    <>
      <figure className="la-figure">
        <figcaption>Dynamic Island: compact</figcaption>
        <div className="la-island la-compact" data-testid="la-island-compact">
          <span className="la-compact-side" data-testid="la-compact-leading">
            {leading}
          </span>
          <span className="la-camera" aria-hidden="true" />
          <span className="la-compact-side la-compact-trailing" data-testid="la-compact-trailing">
            {brief(model)}
          </span>
        </div>
      </figure>
      <figure className="la-figure">
        <figcaption>Dynamic Island: minimal</figcaption>
        <div className="la-island la-minimal" data-testid="la-island-minimal">
          {brief(model) || (model.title ?? '').slice(0, 1)}
        </div>
      </figure>
      <figure className="la-figure">
        <figcaption>Dynamic Island: expanded</figcaption>
        <div className="la-island la-expanded" data-testid="la-island-expanded">
          <div className="la-expanded-row">
            {model.image && <ImagePlaceholder name={model.image} testId="la-expanded-image" />}
            <strong className="la-expanded-title" data-testid="la-expanded-title">
              {model.title ?? 'App'}
            </strong>
            <Timer model={model} testId="la-expanded-timer" />
          </div>
          {model.subtitle && (
            <div className="la-expanded-subtitle" data-testid="la-expanded-subtitle">
              {model.subtitle}
            </div>
          )}
          {model.progress && <Progress progress={model.progress} testId="la-expanded-progress" />}
        </div>
      </figure>
    </>
  );
}
