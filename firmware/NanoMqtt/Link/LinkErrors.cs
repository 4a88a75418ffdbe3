using NanoMqtt.Protocol;
using NanoMqtt.Session;
using NanoMqtt.Storage;

namespace NanoMqtt.Link
{
    /// <summary>The words the link driver puts in <see cref="LinkDriver.LastError"/> (never a password).</summary>
    public static class LinkErrors
    {
        /// <summary>Why received bytes closed the link.</summary>
        public static string Describe(SessionStatus st, SessionEngine engine)
        {
            switch (st)
            {
                case SessionStatus.IncomingFull: return "the broker sent more unreleased QoS 2 messages than the device holds; reconnecting";
                case SessionStatus.StorageFailed: return "the journal refused a write (" + Describe(engine.LastJournalStatus) + "); nothing was acknowledged";
                default: return "broken packet from the broker: " + Describe(engine.LastDecodeStatus);
            }
        }

        /// <summary>A journal refusal in words.</summary>
        public static string Describe(JournalStatus st)
        {
            switch (st)
            {
                case JournalStatus.Full: return "journal full";
                case JournalStatus.RecordTooLarge: return "record too large";
                default: return "flash write failed";
            }
        }

        /// <summary>What the codec found wrong in the broker's bytes.</summary>
        public static string Describe(DecodeStatus st)
        {
            switch (st)
            {
                case DecodeStatus.PacketTooLarge: return "packet larger than the maximum packet size";
                case DecodeStatus.MalformedVariableInteger: return "malformed remaining length";
                case DecodeStatus.InvalidUtf8: return "invalid UTF-8";
                case DecodeStatus.AuthNotSupported: return "AUTH (extended authentication is not supported)";
                case DecodeStatus.UnexpectedPacketType: return "a packet only clients send";
                case DecodeStatus.ProtocolError: return "protocol error";
                default: return "decode status " + (int)st;
            }
        }

        /// <summary>A CONNACK refusal code (3.1.1 return code or 5.0 reason code) in words.</summary>
        public static string DescribeRefusal(int code)
        {
            switch (code)
            {
                case 1: return "unacceptable protocol version";
                case 2: return "client identifier rejected";
                case 3: return "server unavailable";
                case 4: return "bad user name or password";
                case 5: return "not authorized";
                case ReasonCode.UnsupportedProtocolVersion: return "unsupported protocol version";
                case ReasonCode.ClientIdentifierNotValid: return "client identifier not valid";
                case ReasonCode.BadUserNameOrPassword: return "bad user name or password";
                case ReasonCode.NotAuthorized: return "not authorized";
                case ReasonCode.ServerUnavailable: return "server unavailable";
                case ReasonCode.ServerBusy: return "server busy";
                case ReasonCode.Banned: return "banned";
                default: return "reason " + code;
            }
        }
    }
}
