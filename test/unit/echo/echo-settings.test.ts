import assert from 'node:assert/strict';
import { EchoSettingsError, httpEchoSettings, portFrom } from '../../../reference-impl/echo/echo-settings.ts';

describe('echo settings from the environment', () => {
  it('uses upstream’s defaults: HTTP on 3000, h2c on 3001, all addresses without POD_IP', () => {
    const settings = httpEchoSettings({});
    assert.deepEqual([settings.host, settings.httpPort, settings.h2cPort], ['0.0.0.0', 3000, 3001]);
    assert.deepEqual(settings.context, { namespace: '', ingress: '', service: '', pod: '' });
  });

  it('reads the ports, the pod address and the pod context', () => {
    const settings = httpEchoSettings({ HTTP_PORT: '8080', H2C_PORT: '8081', POD_IP: '127.10.0.5', NAMESPACE: 'ns', INGRESS_NAME: 'i', SERVICE_NAME: 's', POD_NAME: 'p' });
    assert.deepEqual([settings.host, settings.httpPort, settings.h2cPort], ['127.10.0.5', 8080, 8081]);
    assert.deepEqual(settings.context, { namespace: 'ns', ingress: 'i', service: 's', pod: 'p' });
  });

  it('refuses what is not a port, naming the variable', () => {
    for (const text of ['x', '-1', '65536', '80.5', ' 80']) {
      assert.throws(
        () => portFrom({ HTTP_PORT: text }, 'HTTP_PORT', 3000),
        (error: unknown) => error instanceof EchoSettingsError && error.code === 'ECHO_BAD_SETTING' && error.message.startsWith(`HTTP_PORT "${text}"`),
        text,
      );
    }
    assert.equal(portFrom({ HTTP_PORT: '' }, 'HTTP_PORT', 3000), 3000, 'empty means unset, as with upstream');
  });
});
