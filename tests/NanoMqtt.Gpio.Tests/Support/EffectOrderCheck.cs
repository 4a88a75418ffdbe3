using NanoMqtt.Protocol;
using NanoMqtt.Session;

namespace NanoMqtt.Tests.Support
{
    /// <summary>
    /// Stands between the engine and the application and checks the order of flash and outputs:
    /// a read whose commands left a state (an effect) must reach flash (a commit) before the
    /// application drives them, whatever their QoS, or a power cut in between would show an output
    /// level the device does not remember.
    /// </summary>
    public class EffectOrderCheck : IMessageHandler
    {
        private readonly IMessageHandler _app;
        private readonly FaultyFlash _flash;
        private int _commitsAtEffect = -1;

        /// <summary>Reads driven with no commit since their first effect.</summary>
        public int EarlyEffects;
        /// <summary>Reads driven with an effect, checked.</summary>
        public int Checked;

        public EffectOrderCheck(IMessageHandler app, FaultyFlash flash)
        {
            _app = app;
            _flash = flash;
        }

        public int Deliver(PublishPacket message, byte[] effect, int offset, int capacity)
        {
            int n = _app.Deliver(message, effect, offset, capacity);
            if (n > 0 && _commitsAtEffect < 0) _commitsAtEffect = _flash.Commits;
            return n;
        }

        public virtual void Commit()
        {
            if (_commitsAtEffect >= 0)
            {
                Checked++;
                if (_flash.Commits == _commitsAtEffect) EarlyEffects++;
            }
            _commitsAtEffect = -1;
            _app.Commit();
        }

        public void Forget()
        {
            _commitsAtEffect = -1;
            _app.Forget();
        }

        public void Restore(byte[] effect, int offset, int length)
        {
            _app.Restore(effect, offset, length);
        }
    }
}
