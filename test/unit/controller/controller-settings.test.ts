import assert from 'node:assert/strict';
import { ControllerSettingsError, readSettings } from '../../../reference-impl/controller/controller-settings.ts';

describe('controller settings', () => {
  it('binds to POD_IP and tells proxies to dial POD_IP:18000, with the default names', () => {
    assert.deepEqual(readSettings({ POD_IP: '127.0.10.7' }), {
      controllerName: 'gauntlet.dev/gateway-controller',
      listenHost: '127.0.10.7',
      listenPort: 18000,
      configServerAddress: '127.0.10.7:18000',
      proxyImage: 'gateway-gauntlet/proxy:dev',
    });
  });

  it('takes CONTROLLER_NAME, PROXY_IMAGE and CONFIG_SERVER_ADDRESS from the environment', () => {
    const settings = readSettings({ CONTROLLER_NAME: 'example.com/gw', PROXY_IMAGE: 'proxy:1', CONFIG_SERVER_ADDRESS: 'ctl.gauntlet-system.svc:18000' });
    assert.equal(settings.controllerName, 'example.com/gw');
    assert.equal(settings.proxyImage, 'proxy:1');
    assert.equal(settings.configServerAddress, 'ctl.gauntlet-system.svc:18000');
    assert.equal(settings.listenHost, '0.0.0.0');
  });

  it('refuses to start without a way for proxies to reach it, or with a malformed controller name', () => {
    assert.throws(() => readSettings({}), (error: unknown) => error instanceof ControllerSettingsError && /POD_IP/.test(error.message));
    assert.throws(() => readSettings({ POD_IP: '127.0.0.1', CONTROLLER_NAME: 'no-slash' }), ControllerSettingsError);
  });
});
