using NanoMqtt.Protocol;
using NanoMqtt.Session;

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

        private readonly byte[] _texts = new byte[(Capacity + 1) * TextLength];
        private readonly int[] _lengths = new int[Capacity + 1];
        private int _first;
        private int _count;
        private int _writing = -1;

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
                _writing = -1;
                return false;
            }
            _writing = (_first + _count) % Capacity;
            _lengths[_writing] = 0;
            _count++;
            return true;
        }

        /// <summary>Appends ASCII text to the report begun last.</summary>
        public void Add(string ascii)
        {
            if (_writing < 0) return;
            for (int i = 0; i < ascii.Length; i++) Put((byte)ascii[i]);
        }

        /// <summary>Appends bytes (a topic, a name) to the report begun last.</summary>
        public void Add(Slice bytes)
        {
            if (_writing < 0) return;
            for (int i = 0; i < bytes.Length; i++) Put(bytes[i]);
        }

        /// <summary>Appends a decimal number to the report begun last.</summary>
        public void Add(long value)
        {
            if (_writing < 0) return;
            if (value < 0)
            {
                Put((byte)'-');
                value = -value;
            }
            long div = 1;
            while (value / div >= 10) div *= 10;
            for (; div > 0; div /= 10) Put((byte)('0' + value / div % 10));
        }

        /// <summary>Publishes what waits on <paramref name="topic"/> (QoS 1) while the outbox has room; then the summary of what was only counted.</summary>
        public void Publish(SessionEngine engine, Slice topic)
        {
            _writing = -1;
            while (_count > 0 && engine.State.Outbox.Count < OutboxRoom)
            {
                if (!Accepted(engine.Publish(topic, new Slice(_texts, _first * TextLength, _lengths[_first]), 1, false))) return;
                _first = (_first + 1) % Capacity;
                _count--;
            }
            if (_count > 0 || Unreported == 0 || engine.State.Outbox.Count >= OutboxRoom) return;
            // The summary is written in the spare slot past the ring.
            _writing = Capacity;
            _lengths[Capacity] = 0;
            Add("error: ");
            Add(Unreported);
            Add(" more refused, not reported one by one (");
            Add(Total);
            Add(" since boot)");
            _writing = -1;
            if (Accepted(engine.Publish(topic, new Slice(_texts, Capacity * TextLength, _lengths[Capacity]), 1, false))) Unreported = 0;
        }

        private static bool Accepted(PublishResult r)
        {
            return r == PublishResult.Accepted || r == PublishResult.AcceptedDroppingOlder;
        }

        private void Put(byte b)
        {
            if (_lengths[_writing] == TextLength) return;
            _texts[_writing * TextLength + _lengths[_writing]] = b;
            _lengths[_writing]++;
        }
    }
}
