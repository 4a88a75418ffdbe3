using NanoMqtt.Link;

namespace NanoMqtt.Tests.Support
{
    /// <summary>A transport that answers each CONNECT with bytes the test scripts, all in one read.</summary>
    public class ScriptedTransport : ITransport
    {
        private byte[] _pending;
        private bool _open;

        /// <summary>What the next connection receives right after its CONNECT.</summary>
        public byte[] Reply;
        /// <summary>Packets written since the last open.</summary>
        public int PacketsWritten;

        public string LastError
        {
            get { return null; }
        }

        public bool Open(string host, int port, bool tls)
        {
            _open = true;
            _pending = null;
            PacketsWritten = 0;
            return true;
        }

        public bool Write(byte[] buffer, int offset, int count)
        {
            if (!_open) return false;
            if (PacketsWritten == 0 && (buffer[offset] >> 4) == 1) _pending = Reply;
            PacketsWritten++;
            return true;
        }

        public int Read(byte[] buffer, int offset, int count, int timeoutMs)
        {
            if (!_open) return -1;
            if (_pending == null) return 0;
            int n = _pending.Length < count ? _pending.Length : count;
            System.Array.Copy(_pending, 0, buffer, offset, n);
            _pending = null;
            return n;
        }

        public void Close()
        {
            _open = false;
        }
    }
}
