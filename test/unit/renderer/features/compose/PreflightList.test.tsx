import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { PreflightList } from '../../../../../renderer/features/compose/PreflightList';
import { preflightFcm } from '../../../../../shared/providers/fcm/preflight';
import { fcmOptionsSchema } from '../../../../../shared/providers/fcm/message';

const issues = preflightFcm({
  target: 'dXNlcjEyMzQ1Njc4OTA:APA91bHun4MxP5egoKMwt2KZFBaFUH-1RYqx',
  options: fcmOptionsSchema.parse({}),
  payload: '{"data":{"n":1},"notification":{"title":"x","subtitle":"y"}}',
});
const render = (props: Partial<Parameters<typeof PreflightList>[0]> = {}) =>
  renderToStaticMarkup(<PreflightList issues={issues} error={null} onJump={() => {}} onFix={() => {}} {...props} />);

describe('PreflightList', () => {
  it('offers a fix button (a real button, so Tab reaches it) only on issues that carry a fix', () => {
    expect(issues.map((issue) => [issue.code, issue.fix?.id])).toEqual([
      ['fcm.data.not-string', 'fcm.stringify-data'],
      ['fcm.field.unknown', undefined],
    ]);
    const html = render();
    expect(html.match(/data-testid="preflight-fix"/g)).toHaveLength(1);
    expect(html).toContain(
      '<button type="button" class="preflight-fix" data-testid="preflight-fix" data-fix="fcm.stringify-data">Turn data values into strings</button>',
    );
    expect(html.match(/data-testid="preflight-issue"/g)).toHaveLength(2);
  });

  it('says why a fix could not be applied, and why preflight could not run', () => {
    expect(render({ fixError: 'The payload is not valid JSON.' })).toContain(
      'role="alert" data-testid="preflight-fix-error">The payload is not valid JSON.</p>',
    );
    const failed = render({
      error: { code: 'INVALID_INPUT', message: 'Invalid input for send.preflight: options.priority: Invalid input' },
    });
    expect(failed).toContain('data-testid="preflight-unavailable"');
    expect(failed).toContain('Preflight could not check this send: Invalid input for send.preflight');
    expect(failed).not.toContain('preflight-issue');
  });
});
