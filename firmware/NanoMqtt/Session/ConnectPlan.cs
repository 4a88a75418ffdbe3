using NanoMqtt.Protocol;
using NanoMqtt.Storage;

namespace NanoMqtt.Session
{
    /// <summary>
    /// How each connection starts and ends: Clean Start (5.0) or Clean Session (3.1.1) and the
    /// Session Expiry asked for, what a CONNACK's Session Present means given the journal (the
    /// Session Present matrix), and ending the session on purpose (5.0: DISCONNECT with Session
    /// Expiry 0; 3.1.1: a Clean Session connection, then DISCONNECT).
    /// </summary>
    public sealed class ConnectPlan
    {
        private readonly SessionConfig _config;
        private readonly bool _v5;
        private readonly ConnectPacket _connect;
        private readonly ReasonPacket _disconnect;
        private bool _journalUnknown;
        private bool _clean;
        private bool _thisConnectionClean;
        private bool _returnToPersistent;
        private bool _ending;

        /// <summary>A plan for <paramref name="config"/>'s client; packets are encoded with
        /// <paramref name="properties"/>, DISCONNECT in <paramref name="disconnect"/> (the decoder's, reused).</summary>
        public ConnectPlan(SessionConfig config, Properties properties, ReasonPacket disconnect)
        {
            _config = config;
            _v5 = config.Version == MqttVersion.V500;
            _connect = new ConnectPacket(properties, null);
            _disconnect = disconnect;
            _connect.ClientId = Slice.FromString(config.ClientId);
            _connect.UserName = Slice.FromString(config.UserName);
            _connect.Password = Slice.FromString(config.Password);
            _connect.KeepAlive = config.KeepAliveSeconds;
            if (config.WillTopic == null) return;
            _connect.HasWill = true;
            _connect.WillTopic = Slice.FromString(config.WillTopic);
            _connect.WillPayload = Slice.FromString(config.WillPayload);
            _connect.WillQoS = config.WillQoS;
            _connect.WillRetain = config.WillRetain;
        }

        /// <summary>True while the session is being ended and the broker has not been told yet.</summary>
        public bool IsEnding
        {
            get { return _ending; }
        }

        /// <summary>The journal was opened: without one we cannot know what a broker-side session
        /// holds; an end of session the power interrupted goes on.</summary>
        public void Opened(JournalOpenResult result, bool endPending)
        {
            _journalUnknown = result == JournalOpenResult.New || result == JournalOpenResult.Lost;
            if (!endPending) return;
            _ending = true;
            _clean = !_v5;
        }

        /// <summary>Writes the CONNECT; 0 when it cannot be encoded.</summary>
        public int EncodeConnect(byte[] buffer, int offset)
        {
            _thisConnectionClean = _clean;
            _connect.CleanStart = _clean;
            Properties p = _connect.Properties;
            p.Clear();
            if (_v5)
            {
                p.SessionExpiryInterval = _ending ? 0 : _config.SessionExpirySeconds;
                // Half the id table: Mosquitto 2.0 counts its window to PUBREC, so the ids awaiting
                // PUBREL need room beside the window.
                p.ReceiveMaximum = (ushort)(_config.IncomingQoS2Capacity > 1 ? _config.IncomingQoS2Capacity / 2 : 1);
                p.MaximumPacketSize = (uint)_config.MaxPacketSize;
            }
            int length;
            return PacketEncoder.Encode(_connect, _config.Version, buffer, offset, 0, out length) == EncodeStatus.Ok ? length : 0;
        }

        /// <summary>False when the broker claims a session after a clean CONNECT: a protocol error.</summary>
        public bool Accepts(bool sessionPresent)
        {
            return !(sessionPresent && _thisConnectionClean);
        }

        /// <summary>The Session Present matrix: what to do with an accepted connection.</summary>
        public ConnectStep AfterConnAck(bool sessionPresent)
        {
            if (_ending) return ConnectStep.Disconnect;
            if (sessionPresent && _journalUnknown)
            {
                // The broker kept a session we have no record of: start a clean one.
                _clean = true;
                _returnToPersistent = !_v5;
                return ConnectStep.Reconnect;
            }
            if (_thisConnectionClean)
            {
                _clean = false;
                if (_returnToPersistent)
                {
                    // 3.1.1 discards a Clean Session at disconnect: go back to a persistent one.
                    _returnToPersistent = false;
                    return ConnectStep.Reconnect;
                }
            }
            _journalUnknown = false;
            return ConnectStep.Proceed;
        }

        /// <summary>The application ends the session: what a live connection must do now.</summary>
        public ConnectStep EndSession()
        {
            _ending = true;
            if (_v5) return ConnectStep.Disconnect;
            _clean = true;
            return ConnectStep.Reconnect;
        }

        /// <summary>Writes the DISCONNECT; <paramref name="ended"/> tells that it completes the end of the session.</summary>
        public int EncodeDisconnect(bool connected, byte[] buffer, int offset, out bool ended)
        {
            ended = _ending && connected && (_v5 || _thisConnectionClean);
            _disconnect.SetType(PacketType.Disconnect);
            _disconnect.Properties.Clear();
            if (ended) _disconnect.ReasonCode = 0;
            if (ended && _v5) _disconnect.Properties.SessionExpiryInterval = 0;
            int length;
            PacketEncoder.Encode(_disconnect, _config.Version, buffer, offset, 0, out length);
            _disconnect.ReasonCode = 0;
            if (ended)
            {
                _ending = false;
                _clean = false;
            }
            return length;
        }

        /// <summary>The next DISCONNECT carries <paramref name="reason"/> (5.0; the one after it is normal again).</summary>
        public void DisconnectWith(byte reason)
        {
            _disconnect.SetType(PacketType.Disconnect);
            _disconnect.ReasonCode = reason;
        }
    }
}
