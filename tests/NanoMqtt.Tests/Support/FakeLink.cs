using NanoMqtt.Link;

namespace NanoMqtt.Tests.Support
{
    /// <summary>Time that moves only when the test says so.</summary>
    public class FakeClock : IClock
    {
        public long Now;

        public long NowMs
        {
            get { return Now; }
        }
    }

    /// <summary>"Random" numbers the test chooses: always the largest allowed, or a fixed fraction of it.</summary>
    public class FakeRandom : IRandom
    {
        /// <summary>Per mille of the range to return (1000: the top).</summary>
        public int PerMille = 1000;

        public int Next(int maxExclusive)
        {
            if (maxExclusive <= 1) return 0;
            int v = (int)((long)maxExclusive * PerMille / 1000);
            return v >= maxExclusive ? maxExclusive - 1 : v;
        }
    }

    /// <summary>
    /// A transport whose other end is the broker model. It can refuse connections, and black-hole
    /// the link (a half-open connection: writes vanish, nothing arrives, nobody notices).
    /// </summary>
    public class FakeTransport : ITransport
    {
        private readonly BrokerModel _broker;
        private bool _open;

        public int RefuseOpens;
        public bool BlackHole;
        /// <summary>Writes fail (the socket broke while sending), until the test clears it.</summary>
        public bool FailWrites;
        public int Opens;
        public int BytesWritten;

        public FakeTransport(BrokerModel broker)
        {
            _broker = broker;
        }

        public string LastError { get; private set; }

        public bool IsOpen
        {
            get { return _open; }
        }

        public bool Open(string host, int port, bool tls)
        {
            Opens++;
            if (RefuseOpens > 0)
            {
                RefuseOpens--;
                LastError = "connection refused";
                return false;
            }
            _broker.Drop();
            _open = true;
            _pending = null;
            return true;
        }

        public int Read(byte[] buffer, int offset, int count, int timeoutMs)
        {
            if (!_open) return -1;
            if (BlackHole) return 0;
            if (_pending == null || _pendingAt == _pending.Length)
            {
                _pending = _broker.Take();
                _pendingAt = 0;
            }
            if (_pending == null) return !_broker.IsConnected && _sentConnect ? -1 : 0;
            // At most what the caller has room for, as a socket gives; the rest comes with the next read.
            int n = _pending.Length - _pendingAt < count ? _pending.Length - _pendingAt : count;
            System.Array.Copy(_pending, _pendingAt, buffer, offset, n);
            _pendingAt += n;
            return n;
        }

        private byte[] _pending;
        private int _pendingAt;

        private bool _sentConnect;

        public bool Write(byte[] buffer, int offset, int count)
        {
            if (!_open || FailWrites) return false;
            BytesWritten += count;
            if (BlackHole) return true;
            _sentConnect = true;
            _broker.FromClient(buffer, offset, count);
            return true;
        }

        public void Close()
        {
            if (_open && !BlackHole) _broker.Drop();
            _open = false;
            _sentConnect = false;
            _pending = null;
        }
    }
}
