using nanoFramework.TestFramework;
using NanoMqtt.Protocol;
using NanoMqtt.Tests.Support;

namespace NanoMqtt.Tests.Protocol
{
    /// <summary>
    /// Which reason codes each packet may carry, all 256 codes against the lists of the MQTT 5.0
    /// specification (2.4, table 2-6) and 3.1.1's return codes: anything else from a broker is refused.
    /// </summary>
    [TestClass]
    public class ReasonCodeTableTests
    {
        [TestMethod]
        [DataRow((int)PacketType.ConnAck, 5, "00 80 81 82 83 84 85 86 87 88 89 8A 8C 90 95 97 99 9A 9B 9C 9D 9F")]
        [DataRow((int)PacketType.PubAck, 5, "00 10 80 83 87 90 91 97 99")]
        [DataRow((int)PacketType.PubRec, 5, "00 10 80 83 87 90 91 97 99")]
        [DataRow((int)PacketType.PubRel, 5, "00 92")]
        [DataRow((int)PacketType.PubComp, 5, "00 92")]
        [DataRow((int)PacketType.SubAck, 5, "00 01 02 80 83 87 8F 91 97 9E A1 A2")]
        [DataRow((int)PacketType.UnsubAck, 5, "00 11 80 83 87 8F 91")]
        [DataRow((int)PacketType.Disconnect, 5, "00 04 80 81 82 83 87 89 8B 8D 8E 8F 90 93 94 95 96 97 98 99 9A 9B 9C 9D 9E 9F A0 A1 A2")]
        [DataRow((int)PacketType.Auth, 5, "00 18 19")]
        [DataRow((int)PacketType.PingResp, 5, "00")]
        [DataRow((int)PacketType.ConnAck, 4, "00 01 02 03 04 05")]
        [DataRow((int)PacketType.SubAck, 4, "00 01 02 80")]
        [DataRow((int)PacketType.PubAck, 4, "00")]
        public void EveryCodeIsAllowedExactlyWhereTheSpecificationListsIt(int type, int version, string listed)
        {
            byte[] codes = Hex.Parse(listed);
            bool[] allowed = new bool[256];
            for (int i = 0; i < codes.Length; i++) allowed[codes[i]] = true;
            for (int code = 0; code < 256; code++)
                Assert.AreEqual(allowed[code], ReasonCode.IsAllowed((PacketType)type, (MqttVersion)version, (byte)code),
                    "code 0x" + code.ToString("X2") + " in packet type " + type);
        }
    }
}
