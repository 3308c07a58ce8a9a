import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { readProperties, TemplatePreview } from '../../../../../../renderer/features/compose/nhub/TemplatePreview';

const toast =
  '<toast><visual><binding template="ToastText01"><text id="1">$(greeting_en)</text></binding></visual></toast>';
const apple = '{"aps":{"alert":"$(greeting_en)","badge":#(count)}}';

describe('Notification Hubs TemplatePreview', () => {
  it("shows each platform's expanded payload for the sample's properties", () => {
    const html = renderToStaticMarkup(
      <TemplatePreview
        templates={[
          { label: 'Windows toast', platform: 'windows', template: toast },
          { label: 'iOS alert', platform: 'apple', template: apple },
        ]}
        payload='{"greeting_en":"Hello","greeting_fr":"Salut","count":"2"}'
      />,
    );
    expect(html).toContain(
      'data-testid="nhub-template-payload">&lt;toast&gt;&lt;visual&gt;&lt;binding template=&quot;ToastText01&quot;&gt;&lt;text id=&quot;1&quot;&gt;Hello&lt;/text&gt;',
    );
    expect(html).toContain(
      'data-testid="nhub-template-payload">{&quot;aps&quot;:{&quot;alert&quot;:&quot;Hello&quot;,&quot;badge&quot;:2}}<',
    );
    expect(html).toContain('data-platform="apple"');
    expect(html).toContain('Not used by this template: greeting_fr, count');
    expect(html).not.toContain('nhub-template-missing');
  });

  it('warns about missing properties', () => {
    const html = renderToStaticMarkup(
      <TemplatePreview
        templates={[{ label: 'toast', platform: 'windows', template: toast }]}
        payload='{"greeting_fr":"Salut"}'
      />,
    );
    expect(html).toContain('Missing property “greeting_en”: it expands to empty text.');
    expect(html).toContain('&lt;text id=&quot;1&quot;&gt;&lt;/text&gt;');
  });

  it('explains properties that are not a JSON object of strings, and the empty state', () => {
    expect(readProperties('{"a":1}')).toBe('Template properties must be strings; not: a.');
    expect(readProperties('[]')).toBe('Template properties must be a JSON object.');
    expect(renderToStaticMarkup(<TemplatePreview templates={[]} payload="{oops" />)).toContain('not valid JSON');
    expect(renderToStaticMarkup(<TemplatePreview templates={[]} payload="{}" />)).toContain(
      'Add a registration template',
    );
  });
});
