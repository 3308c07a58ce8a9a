import { describe, expect, it } from 'vitest';
import {
  placeholders,
  substituteDeep,
  substituteVariables,
  unsetVariablesMessage,
} from '../../../../shared/collections/variables';

const values = { vars: { topic: 'news' }, env: { TOKEN: 'abc', EMPTY: '' }, device: { label: 'Pixel', badge: '3' } };

describe('collection variables', () => {
  it('fills vars, env and device placeholders, spaces allowed', () => {
    const done = substituteVariables('{{vars.topic}}/{{ env.TOKEN }}/{{device.label}}/{{env.EMPTY}}.', values);
    expect(done).toEqual({ text: 'news/abc/Pixel/.', missing: [] });
  });

  it('leaves an unset one in place and names it, once', () => {
    const done = substituteVariables('{{vars.nope}} {{vars.nope}} {{env.NOPE}}', values);
    expect(done.missing).toEqual(['vars.nope', 'env.NOPE']);
    expect(done.text).toBe('{{vars.nope}} {{vars.nope}} {{env.NOPE}}');
  });

  it('fills every string of a JSON value, keys too', () => {
    const missing = new Set<string>();
    const out = substituteDeep({ '{{vars.topic}}': ['{{device.badge}}', 1, null] }, values, missing);
    expect(out).toEqual({ news: ['3', 1, null] });
    expect(missing.size).toBe(0);
  });

  it('lists placeholders, and names every unset variable with the requests using it in one line', () => {
    expect(placeholders('a {{vars.x}} b {{device.y}} {{other.z}}')).toEqual(['vars.x', 'device.y']);
    const message = unsetVariablesMessage(
      new Map([
        ['vars.topic', ['apns.json', 'nhub.json']],
        ['env.FCM_TOKEN', ['fcm.json']],
      ]),
    );
    expect(message).toBe('2 unset variables: {{env.FCM_TOKEN}} (fcm.json), {{vars.topic}} (apns.json, nhub.json).');
  });
});
