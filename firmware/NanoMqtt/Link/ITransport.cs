namespace NanoMqtt.Link
{
    /// <summary>
    /// A byte stream to the broker: TCP or TLS over sockets on the device, the same on a PC, or a
    /// scripted fake in tests. Calls return codes; only bugs throw.
    /// </summary>
    public interface ITransport
    {
        /// <summary>Connects to <paramref name="host"/>:<paramref name="port"/> (TLS when <paramref name="tls"/>) within the
        /// adapter's connect timeout. False on failure, with the reason in <see cref="LastError"/>.</summary>
        bool Open(string host, int port, bool tls);

        /// <summary>Reads what has arrived, waiting at most <paramref name="timeoutMs"/>: the byte count,
        /// 0 when nothing arrived in time, -1 when the connection is closed or broken.</summary>
        int Read(byte[] buffer, int offset, int count, int timeoutMs);

        /// <summary>Writes all bytes; false when the connection is broken.</summary>
        bool Write(byte[] buffer, int offset, int count);

        /// <summary>Closes the connection (safe to call when closed).</summary>
        void Close();

        /// <summary>Why the last call failed, for status messages.</summary>
        string LastError { get; }
    }
}
