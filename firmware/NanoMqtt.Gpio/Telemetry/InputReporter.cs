using NanoMqtt.Protocol;
using NanoMqtt.Session;

namespace NanoMqtt.Telemetry
{
    /// <summary>
    /// Publishes each input's level on &lt;prefix&gt;/in/&lt;name&gt; (QoS 1, "on"/"off") when it
    /// changes. Debouncing happens in the pin adapter. While offline only the latest level per input
    /// waits in the outbox.
    /// </summary>
    public sealed class InputReporter
    {
        private readonly SliceTable _topics;
        private readonly bool[] _activeLow;
        private readonly bool[] _on;
        private readonly bool[] _dirty;
        private readonly Slice _onText = Slice.FromString("on");
        private readonly Slice _offText = Slice.FromString("off");

        /// <summary>Inputs named <paramref name="names"/> under <paramref name="prefix"/>.</summary>
        public InputReporter(string prefix, string[] names, bool[] activeLow)
        {
            _topics = new SliceTable(names.Length);
            for (int i = 0; i < names.Length; i++) _topics.Set(i, Slice.FromString(prefix + "/in/" + names[i]));
            _activeLow = activeLow;
            _on = new bool[names.Length];
            _dirty = new bool[names.Length];
        }

        /// <summary>The logical level of input <paramref name="index"/>.</summary>
        public bool IsOn(int index)
        {
            return _on[index];
        }

        /// <summary>The pin of input <paramref name="index"/> reads <paramref name="high"/> (after debouncing). Safe from an interrupt thread.</summary>
        public void Changed(int index, bool high)
        {
            bool on = high != _activeLow[index];
            lock (_dirty)
            {
                if (on == _on[index] && !_dirty[index]) return;
                _on[index] = on;
                _dirty[index] = true;
            }
        }

        /// <summary>Input <paramref name="index"/>'s pin reads <paramref name="high"/> at boot: the level is
        /// published once connected, whatever it is (nobody has heard of it since the reset).</summary>
        public void AtBoot(int index, bool high)
        {
            lock (_dirty)
            {
                _on[index] = high != _activeLow[index];
                _dirty[index] = true;
            }
        }

        /// <summary>Every input's level is published again (reports that never reached flash).</summary>
        public void AllDue()
        {
            lock (_dirty)
            {
                for (int i = 0; i < _dirty.Length; i++) _dirty[i] = true;
            }
        }

        /// <summary>Publishes the changed levels; returns how many were accepted (a refused one stays due).</summary>
        public int PublishReports(SessionEngine engine)
        {
            int n = 0;
            for (int i = 0; i < _topics.Capacity; i++)
            {
                bool on;
                lock (_dirty)
                {
                    if (!_dirty[i]) continue;
                    _dirty[i] = false;
                    on = _on[i];
                }
                PublishResult r = engine.PublishLatest(_topics.Get(i), on ? _onText : _offText, 1, false);
                if (r == PublishResult.Accepted || r == PublishResult.AcceptedDroppingOlder)
                {
                    n++;
                    continue;
                }
                // Refused (outbox full, journal full, ending): due again, unless a newer change already is.
                lock (_dirty) _dirty[i] = true;
            }
            return n;
        }
    }
}
