using NanoMqtt.Protocol;
using NanoMqtt.Runtime;
using NanoMqtt.Session;
using NanoMqtt.Telemetry;

namespace NanoMqtt.Commands
{
    /// <summary>
    /// Error reports waiting for &lt;prefix&gt;/status: a fixed ring of texts. When the ring is full
    /// a refusal is counted instead of kept, and once the ring has emptied one report says how many
    /// went unreported, so every refusal is accounted for. Reports go out only while the outbox is
    /// nearly empty: a storm of bad commands never pushes real messages out of it.
    /// </summary>
    public sealed class ErrorReports
    {
        /// <summary>Reports the ring keeps.</summary>
        public const int Capacity = 8;
        /// <summary>Longest report in bytes (longer ones are cut).</summary>
        public const int TextLength = 160;
        /// <summary>Reports are published only while the outbox holds fewer messages than this.</summary>
        public const int OutboxRoom = 4;

        private readonly PayloadText[] _texts;
        private readonly PayloadText _summary = new PayloadText(TextLength);
        private PayloadText _writing;
        private int _first;
        private int _count;

        /// <summary>An empty ring.</summary>
        public ErrorReports()
        {
            _texts = new PayloadText[Capacity];
            ReferenceArray.FillWithNulls(_texts);
            for (int i = 0; i < Capacity; i++) _texts[i] = new PayloadText(TextLength);
        }

        /// <summary>Reports written since boot (each refusal once).</summary>
        public int Total { get; private set; }
        /// <summary>Refusals not kept because the ring was full, since the last summary was published.</summary>
        public int Unreported { get; private set; }
        /// <summary>Reports waiting.</summary>
        public int Count
        {
            get { return _count; }
        }

        /// <summary>Starts a report (the texts that follow are appended to it); false when it was only counted.</summary>
        public bool Begin()
        {
            Total++;
            if (_count == Capacity)
            {
                Unreported++;
                _writing = null;
                return false;
            }
            _writing = _texts[(_first + _count) % Capacity];
            _writing.Clear();
            _count++;
            return true;
        }

        /// <summary>Appends ASCII text to the report begun last.</summary>
        public void Add(string ascii)
        {
            if (_writing != null) _writing.Add(ascii);
        }

        /// <summary>Appends bytes (a topic, a name) to the report begun last.</summary>
        public void Add(Slice bytes)
        {
            if (_writing != null) _writing.Add(bytes);
        }

        /// <summary>Appends a decimal number to the report begun last.</summary>
        public void Add(long value)
        {
            if (_writing != null) _writing.Add(value);
        }

        /// <summary>Publishes what waits on <paramref name="topic"/> (QoS 1) while the outbox has room; then the summary of what was only counted.</summary>
        public void Publish(SessionEngine engine, Slice topic)
        {
            _writing = null;
            while (_count > 0 && engine.State.Outbox.Count < OutboxRoom)
            {
                if (!Accepted(engine.Publish(topic, _texts[_first].Text, 1, false))) return;
                _first = (_first + 1) % Capacity;
                _count--;
            }
            if (_count > 0 || Unreported == 0 || engine.State.Outbox.Count >= OutboxRoom) return;
            _summary.Clear();
            _summary.Add("error: ");
            _summary.Add(Unreported);
            _summary.Add(" more refused, not reported one by one (");
            _summary.Add(Total);
            _summary.Add(" since boot)");
            if (Accepted(engine.Publish(topic, _summary.Text, 1, false))) Unreported = 0;
        }

        private static bool Accepted(PublishResult r)
        {
            return r == PublishResult.Accepted || r == PublishResult.AcceptedDroppingOlder;
        }
    }
}
