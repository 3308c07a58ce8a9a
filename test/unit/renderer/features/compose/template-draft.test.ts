import { describe, expect, it } from 'vitest';
import { templateDraft } from '../../../../../renderer/features/compose/template-draft';
import { apnsTemplates } from '../../../../../shared/providers/apns/templates';
import { nhubTemplates } from '../../../../../shared/providers/nhub/templates';

const byName = (name: string) => apnsTemplates.find((template) => template.name === name)!;

describe('templateDraft', () => {
  it('puts the profile’s bundle id in place of the example topic, keeping the push type suffix', () => {
    const defaults = { topic: 'dev.pushconsole.sandbox' };
    expect(templateDraft('apns', byName('Alert with sound'), defaults).options).toMatchObject({
      topic: 'dev.pushconsole.sandbox',
      pushType: 'alert',
    });
    expect(templateDraft('apns', byName('VoIP call (PushKit)'), defaults).options).toMatchObject({
      topic: 'dev.pushconsole.sandbox.voip',
    });
  });

  it('keeps the template’s topic without a profile topic, and a topic that is not the example', () => {
    expect(templateDraft('apns', byName('Alert with sound'), {}).options?.['topic']).toBe('com.example.app');
    const own = { ...byName('Alert with sound'), options: { topic: 'org.acme.app' } };
    expect(templateDraft('apns', own, { topic: 'dev.x' }).options?.['topic']).toBe('org.acme.app');
    // A bundle id that merely starts with the example's letters is not the example.
    const lookalike = { ...byName('Alert with sound'), options: { topic: 'com.example.apple' } };
    expect(templateDraft('apns', lookalike, { topic: 'dev.x' }).options?.['topic']).toBe('com.example.apple');
  });

  it('carries payload and example target over unchanged, and never edits the template', () => {
    const template = nhubTemplates[0]!;
    const before = JSON.stringify(template);
    const draft = templateDraft('nhub', template, { format: 'apple', topic: 'dev.x' });
    expect(draft).toEqual({ options: template.options, payload: template.payload, target: template.target });
    const apns = byName('Alert with sound');
    templateDraft('apns', apns, { topic: 'dev.x' });
    expect(apns.options.topic).toBe('com.example.app');
    expect(JSON.stringify(template)).toBe(before);
  });
});
