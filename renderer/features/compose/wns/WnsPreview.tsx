import type { CSSProperties } from 'react';
import type { WnsType } from '../../../../shared/providers/wns/message';
import {
  wnsPreview,
  type BadgeView,
  type PreviewImage,
  type TileBindingView,
  type TileView,
  type ToastView,
} from '../../../../shared/providers/wns/preview';

interface Props {
  type: WnsType;
  payload: string;
  /** Shown in the toast's header row and on tiles, as Windows shows the app's display name. */
  appName?: string;
}

// Windows 11 dark theme: Mica/acrylic grey, Segoe UI Variable, 8 px corners, accent buttons.
const font = '"Segoe UI Variable Text", "Segoe UI", system-ui, sans-serif';
const s = {
  toast: {
    width: 364,
    background: '#2b2b2b',
    color: '#fff',
    borderRadius: 8,
    border: '1px solid #3d3d3d',
    boxShadow: '0 8px 16px rgba(0,0,0,.28)',
    fontFamily: font,
    fontSize: 14,
    overflow: 'hidden',
  },
  header: { display: 'flex', alignItems: 'center', gap: 8, padding: '10px 12px 0', fontSize: 12, color: '#c5c5c5' },
  content: { display: 'flex', gap: 12, padding: '12px 16px 16px' },
  logo: { width: 48, height: 48, objectFit: 'cover', flex: 'none' },
  title: { fontWeight: 600, margin: 0 },
  body: { margin: '2px 0 0', color: '#d0d0d0' },
  attribution: { margin: '4px 0 0', color: '#a0a0a0', fontSize: 12 },
  hero: { width: '100%', height: 180, objectFit: 'cover', display: 'block' },
  inline: { width: '100%', marginTop: 8, borderRadius: 4, display: 'block' },
  actions: { display: 'flex', gap: 8, padding: '0 16px 16px' },
  button: {
    flex: 1,
    padding: '6px 8px',
    borderRadius: 4,
    border: '1px solid #454545',
    background: '#373737',
    color: '#fff',
    fontFamily: font,
  },
  input: {
    margin: '0 16px 12px',
    padding: '6px 8px',
    borderRadius: 4,
    border: '1px solid #454545',
    borderBottom: '2px solid #60cdff',
    background: '#1f1f1f',
    color: '#c5c5c5',
  },
  notes: { margin: '8px 0 0', padding: 0, listStyle: 'none', color: '#fce100', fontSize: 12 },
  placeholder: {
    display: 'flex',
    alignItems: 'center',
    boxSizing: 'border-box',
    minHeight: 48,
    padding: 8,
    border: '1px dashed #8a8a8a',
    background: '#1f1f1f',
    color: '#e0e0e0',
    fontSize: 11,
    lineHeight: 1.3,
    overflow: 'hidden',
    overflowWrap: 'anywhere',
  },
  notLoaded: {
    maxWidth: 366,
    margin: '8px 0 0',
    padding: 0,
    listStyle: 'none',
    color: '#e0e0e0',
    fontSize: 12,
    overflowWrap: 'anywhere',
  },
} satisfies Record<string, CSSProperties>;

const BUTTON_STYLES: Record<string, CSSProperties> = {
  Success: { background: '#0f7b0f', borderColor: '#0f7b0f' },
  Critical: { background: '#c42b1c', borderColor: '#c42b1c' },
};
const TILE_PIXELS: Record<string, { width: number; height: number }> = {
  small: { width: 71, height: 71 },
  medium: { width: 150, height: 150 },
  wide: { width: 310, height: 150 },
  large: { width: 310, height: 310 },
};

/**
 * Where Windows would read an image from, when the preview cannot show it: the app's CSP allows
 * only its own and data: images (and stays so), so a remote or app-relative source is named
 * instead of drawn as a broken image.
 */
export function imageNotShown(src: string): string | null {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(src)?.[1]?.toLowerCase();
  if (scheme === 'data' || scheme === 'blob') return null;
  const what =
    scheme === 'http' || scheme === 'https'
      ? 'Remote image'
      : scheme === 'ms-appdata'
        ? 'App data image (ms-appdata)'
        : scheme === 'ms-appx' || scheme === undefined
          ? 'App package image (ms-appx)'
          : 'Image';
  return `${what}: ${src} — not loaded in the preview`;
}

function Img({ image, style, role }: { image: PreviewImage; style: CSSProperties; role: string }) {
  const shape = { ...style, ...(image.circle ? { borderRadius: '50%' } : {}) };
  const notShown = imageNotShown(image.src);
  if (notShown) {
    // A logo is too small for the sentence: it says "Logo", and the list under the preview says the rest.
    const small = role === 'app-logo';
    return (
      <div
        role="img"
        aria-label={image.alt ? `${image.alt}. ${notShown}` : notShown}
        title={notShown}
        data-role={role}
        data-testid="wns-image-placeholder"
        data-src={image.src}
        style={{ ...shape, ...s.placeholder, ...(small ? { justifyContent: 'center', padding: 2 } : {}) }}
      >
        {small ? 'Logo' : notShown}
      </div>
    );
  }
  return <img src={image.src} alt={image.alt} data-role={role} style={shape} />;
}

/** Every image the preview names instead of showing, in full (a placeholder may be too small to read). */
function NotLoaded({ images }: { images: ReadonlyArray<PreviewImage | null> }) {
  const sentences = [
    ...new Set(images.flatMap((image) => (image ? [imageNotShown(image.src)].filter((x) => x !== null) : []))),
  ];
  if (sentences.length === 0) return null;
  return (
    <ul style={s.notLoaded} data-testid="wns-images-not-loaded" aria-label="Images not loaded in the preview">
      {sentences.map((sentence) => (
        <li key={sentence}>{sentence}</li>
      ))}
    </ul>
  );
}

function Unsupported({ items }: { items: string[] }) {
  if (items.length === 0) return null;
  return (
    <ul style={s.notes} data-testid="wns-unsupported" aria-label="Not shown by Windows">
      {items.map((item) => (
        <li key={item}>⚠ {item}</li>
      ))}
    </ul>
  );
}

function Toast({ view, appName }: { view: ToastView; appName: string }) {
  return (
    <div>
      <div style={s.toast} data-testid="wns-toast" data-scenario={view.scenario ?? ''}>
        {view.hero && <Img image={view.hero} style={s.hero} role="hero" />}
        <div style={s.header}>
          <span data-testid="wns-app">{appName}</span>
          {view.header && <span>· {view.header}</span>}
          {view.audio && (
            <span data-testid="wns-audio" title={view.audio.src} style={{ marginLeft: 'auto' }}>
              {view.audio.silent ? '🔇' : '🔊'} {view.audio.src.replace('ms-winsoundevent:', '')}
              {view.audio.loop ? ' (loop)' : ''}
            </span>
          )}
        </div>
        <div style={s.content}>
          {view.appLogo && <Img image={view.appLogo} style={s.logo} role="app-logo" />}
          <div style={{ minWidth: 0, flex: 1 }}>
            {view.title && (
              <p style={s.title} data-testid="wns-title">
                {view.title}
              </p>
            )}
            {view.bodyLines.map((line, index) => (
              <p key={index} style={s.body} data-testid="wns-body">
                {line}
              </p>
            ))}
            {view.images.map((image, index) => (
              <Img key={index} image={image} style={s.inline} role="inline" />
            ))}
            {view.progress && (
              <div data-testid="wns-progress" style={{ marginTop: 8 }}>
                {view.progress.title && <div>{view.progress.title}</div>}
                <div style={{ height: 4, background: '#454545', borderRadius: 2 }}>
                  <div
                    style={{
                      height: 4,
                      borderRadius: 2,
                      background: '#60cdff',
                      width: /^[0-9.]+$/.test(view.progress.value) ? `${Number(view.progress.value) * 100}%` : '30%',
                    }}
                  />
                </div>
                <div style={s.attribution}>{view.progress.status}</div>
              </div>
            )}
            {view.attribution && (
              <p style={s.attribution} data-testid="wns-attribution">
                {view.attribution}
              </p>
            )}
          </div>
        </div>
        {view.inputs.map((input) =>
          input.type === 'selection' ? (
            <select key={input.id} style={s.input} data-testid="wns-input" aria-label={input.id}>
              {input.options.map((option) => (
                <option key={option}>{option}</option>
              ))}
            </select>
          ) : (
            <div key={input.id} style={s.input} data-testid="wns-input">
              {input.placeholder ?? ''}
            </div>
          ),
        )}
        {view.buttons.length > 0 && (
          <div style={s.actions}>
            {view.buttons.map((button, index) => (
              <button
                key={index}
                type="button"
                style={{ ...s.button, ...(button.style ? BUTTON_STYLES[button.style] : {}) }}
                data-testid="wns-button"
              >
                {button.content}
              </button>
            ))}
          </div>
        )}
      </div>
      <NotLoaded images={[view.hero, view.appLogo, ...view.images]} />
      <Unsupported items={view.unsupported} />
    </div>
  );
}

function TileFace({ binding, view, appName }: { binding: TileBindingView; view: TileView; appName: string }) {
  const size = TILE_PIXELS[binding.size ?? ''];
  if (!size) return null;
  const showName = (view.branding === 'name' || view.branding === 'nameAndLogo') && binding.size !== 'small';
  const showLogo = view.branding === 'logo' || view.branding === 'nameAndLogo';
  return (
    <figure style={{ margin: 0 }} data-testid={`wns-tile-${binding.size}`}>
      <div
        style={{
          ...size,
          position: 'relative',
          overflow: 'hidden',
          borderRadius: 4,
          background: '#005a9e',
          color: '#fff',
          fontFamily: font,
          fontSize: 12,
        }}
      >
        {binding.background && (
          <Img
            image={binding.background}
            role="background"
            style={{ position: 'absolute', inset: 0, width: '100%', height: '100%', objectFit: 'cover' }}
          />
        )}
        {binding.peek && (
          <Img
            image={binding.peek}
            role="peek"
            style={{ width: '100%', height: '50%', objectFit: 'cover', display: 'block' }}
          />
        )}
        <div style={{ position: 'relative', padding: 8 }}>
          {binding.texts.map((text, index) => (
            <div key={index} data-testid="wns-tile-text" data-style={text.style ?? ''}>
              {text.text}
            </div>
          ))}
        </div>
        {(showName || showLogo) && (
          <div style={{ position: 'absolute', left: 8, bottom: 6, fontSize: 11 }} data-testid="wns-tile-branding">
            {showLogo && '▣ '}
            {showName && (view.displayName ?? appName)}
          </div>
        )}
      </div>
      <figcaption style={{ fontSize: 11, color: '#888', marginTop: 4 }}>{binding.template}</figcaption>
    </figure>
  );
}

function Tile({ view, appName }: { view: TileView; appName: string }) {
  return (
    <div>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12, alignItems: 'flex-start' }} data-testid="wns-tile">
        {view.bindings.map((binding, index) => (
          <TileFace key={index} binding={binding} view={view} appName={appName} />
        ))}
      </div>
      <NotLoaded images={view.bindings.flatMap((binding) => [binding.background, binding.peek])} />
      <Unsupported items={view.unsupported} />
    </div>
  );
}

function Badge({ view }: { view: BadgeView }) {
  const content = view.display === null ? '' : 'number' in view.display ? view.display.number : view.display.glyph;
  return (
    <div style={{ display: 'flex', alignItems: 'center', gap: 8, fontFamily: font }}>
      <div style={{ width: 48, height: 48, borderRadius: 8, background: '#005a9e', position: 'relative' }}>
        {view.display && (
          <span
            data-testid="wns-badge"
            style={{
              position: 'absolute',
              right: -6,
              top: -6,
              minWidth: 20,
              height: 20,
              padding: '0 5px',
              borderRadius: 10,
              background: '#60cdff',
              color: '#000',
              fontSize: 12,
              lineHeight: '20px',
              textAlign: 'center',
            }}
          >
            {content}
          </span>
        )}
      </div>
      {view.display === null && <span>The badge is cleared.</span>}
    </div>
  );
}

/** A Windows 11 style preview of a WNS payload, re-read on every edit. */
export function WnsPreview({ type, payload, appName = 'Your app' }: Props) {
  const view = wnsPreview(type, payload);
  switch (view.kind) {
    case 'raw':
      return (
        <p className="preview-note" data-testid="wns-raw">
          Raw notification ({view.bytes.toLocaleString('en-US')} bytes): delivered to the app, nothing is shown.
        </p>
      );
    case 'invalid':
      return (
        <p className="preview-note" data-testid="wns-invalid">
          {view.message}
        </p>
      );
    case 'toast':
      return <Toast view={view} appName={appName} />;
    case 'tile':
      return <Tile view={view} appName={appName} />;
    case 'badge':
      return <Badge view={view} />;
  }
}
