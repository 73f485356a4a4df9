import assert from 'node:assert/strict';
import { type EchoServer, startEchoServer } from '../../../reference-impl/echo/echo-server.ts';
import { EchoSettingsError } from '../../../reference-impl/echo/echo-settings.ts';
import { pauseRemainingMs, pauseScheduleFrom } from '../../../reference-impl/echo/pause-schedule.ts';
import { send } from './echo-client.ts';

describe('echo pause schedule (ECHO_PAUSE_EVERY / ECHO_PAUSE_FOR)', () => {
  it('holds a request arriving in the first ECHO_PAUSE_FOR of each period until the pause ends', () => {
    const schedule = pauseScheduleFrom({ ECHO_PAUSE_EVERY: '1s', ECHO_PAUSE_FOR: '200ms' }, 10_000);
    assert.deepEqual(schedule, { everyMs: 1000, forMs: 200, sinceMs: 10_000 });
    assert.equal(pauseRemainingMs(schedule, 10_000), 200);
    assert.equal(pauseRemainingMs(schedule, 10_150), 50);
    assert.equal(pauseRemainingMs(schedule, 10_200), 0);
    assert.equal(pauseRemainingMs(schedule, 10_999), 0);
    assert.equal(pauseRemainingMs(schedule, 13_010), 190, 'every period pauses');
    assert.equal(pauseRemainingMs(undefined, 10_000), 0);
  });

  it('is off when neither is set, and refuses one without the other or a pause as long as its period', () => {
    assert.equal(pauseScheduleFrom({}), undefined);
    assert.throws(() => pauseScheduleFrom({ ECHO_PAUSE_EVERY: '1s' }), EchoSettingsError);
    assert.throws(() => pauseScheduleFrom({ ECHO_PAUSE_EVERY: '1s', ECHO_PAUSE_FOR: '1s' }), /shorter than ECHO_PAUSE_EVERY/);
    assert.throws(() => pauseScheduleFrom({ ECHO_PAUSE_EVERY: 'soon', ECHO_PAUSE_FOR: '1ms' }), /ECHO_PAUSE_EVERY "soon"/);
  });

  describe('in the echo server', () => {
    let echo: EchoServer;
    before(async () => {
      // A pause from the start of each 600 ms period, 300 ms long, counted from now.
      const pause = { everyMs: 600, forMs: 300, sinceMs: Date.now() };
      echo = await startEchoServer({ host: '127.0.0.1', port: 0, pause, context: { namespace: '', ingress: '', service: '', pod: '' } });
      const inPeriod = (Date.now() - pause.sinceMs) % pause.everyMs;
      // Start the test 50 ms into the next pause.
      await new Promise((resolve) => setTimeout(resolve, pause.everyMs - inPeriod + 50));
    });
    after(() => echo.close());

    it('answers a request sent during a pause only once it ends, and one sent after it at once', async () => {
      let started = Date.now();
      assert.equal((await send(echo.port, '/')).status, 200);
      const paused = Date.now() - started;
      assert.ok(paused >= 200, `answered after ${paused} ms, expected the pause's remaining ~250 ms`);
      started = Date.now();
      assert.equal((await send(echo.port, '/')).status, 200);
      const after = Date.now() - started;
      assert.ok(after < 100, `answered after ${after} ms outside the pause`);
    });
  });
});
