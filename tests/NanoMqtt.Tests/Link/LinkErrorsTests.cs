using nanoFramework.TestFramework;
using NanoMqtt.Link;
using NanoMqtt.Protocol;
using NanoMqtt.Session;
using NanoMqtt.Storage;
using NanoMqtt.Tests.Support;

namespace NanoMqtt.Tests.Link
{
    /// <summary>What the device says in LinkDriver.LastError (the status line and the log) for each cause.</summary>
    [TestClass]
    public class LinkErrorsTests
    {
        [TestMethod]
        [DataRow((int)DecodeStatus.PacketTooLarge, "packet larger than the maximum packet size")]
        [DataRow((int)DecodeStatus.MalformedVariableInteger, "malformed remaining length")]
        [DataRow((int)DecodeStatus.InvalidUtf8, "invalid UTF-8")]
        [DataRow((int)DecodeStatus.AuthNotSupported, "AUTH (extended authentication is not supported)")]
        [DataRow((int)DecodeStatus.UnexpectedPacketType, "a packet only clients send")]
        [DataRow((int)DecodeStatus.ProtocolError, "protocol error")]
        public void EachDecodeFailureHasItsWords(int status, string words)
        {
            Assert.AreEqual(words, LinkErrors.Describe((DecodeStatus)status));
        }

        [TestMethod]
        public void AnUnnamedDecodeFailureGivesItsNumber()
        {
            Assert.AreEqual("decode status " + (int)DecodeStatus.InvalidTopic, LinkErrors.Describe(DecodeStatus.InvalidTopic));
        }

        [TestMethod]
        [DataRow(1, "unacceptable protocol version")]
        [DataRow(2, "client identifier rejected")]
        [DataRow(3, "server unavailable")]
        [DataRow(4, "bad user name or password")]
        [DataRow(5, "not authorized")]
        [DataRow(0x84, "unsupported protocol version")]
        [DataRow(0x85, "client identifier not valid")]
        [DataRow(0x86, "bad user name or password")]
        [DataRow(0x87, "not authorized")]
        [DataRow(0x88, "server unavailable")]
        [DataRow(0x89, "server busy")]
        [DataRow(0x8A, "banned")]
        [DataRow(0x9F, "reason 159")]
        public void EachConnAckRefusalHasItsWords(int code, string words)
        {
            Assert.AreEqual(words, LinkErrors.DescribeRefusal(code));
        }

        [TestMethod]
        [DataRow((int)JournalStatus.Full, "journal full")]
        [DataRow((int)JournalStatus.RecordTooLarge, "record too large")]
        [DataRow((int)JournalStatus.StorageFailed, "flash write failed")]
        public void EachJournalRefusalHasItsWords(int status, string words)
        {
            Assert.AreEqual(words, LinkErrors.Describe((JournalStatus)status));
        }

        [TestMethod]
        public void ReceiveFailuresNameTheirCause()
        {
            EngineWire w = EngineWire.Create(5);
            w.Boot();
            Assert.Contains("more unreleased QoS 2 messages than the device holds", LinkErrors.Describe(SessionStatus.IncomingFull, w.Engine));
            Assert.Contains("the journal refused a write", LinkErrors.Describe(SessionStatus.StorageFailed, w.Engine));
            Assert.Contains("nothing was acknowledged", LinkErrors.Describe(SessionStatus.StorageFailed, w.Engine));
            Assert.Contains("broken packet from the broker", LinkErrors.Describe(SessionStatus.ProtocolViolation, w.Engine));
        }
    }
}
