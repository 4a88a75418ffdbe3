using nanoFramework.TestFramework;
using NanoMqtt.Config;

namespace NanoMqtt.Tests.Config
{
    /// <summary>A MAC, a secret and parse helpers shared by the device configuration tests.</summary>
    public static class ConfigSamples
    {
        /// <summary>A device MAC.</summary>
        public static readonly byte[] Mac = new byte[] { 0xA4, 0xCF, 0x12, 0x0B, 0x3C, 0xFF };

        /// <summary>The client id that MAC gives.</summary>
        public const string MacClientId = "nanomqtt-a4cf120b3cff";

        /// <summary>A password that must never show up in a message.</summary>
        public const string Secret = "Hunter2-s3cr3t";

        /// <summary>Parses text that must be valid.</summary>
        public static DeviceConfig Valid(string text)
        {
            DeviceConfigResult result = DeviceConfigParser.Parse(text, Mac);
            Assert.AreEqual("", result.Errors.ToString());
            Assert.IsTrue(result.IsValid);
            Assert.IsNotNull(result.Config);
            return result.Config;
        }

        /// <summary>Parses text that must be refused with <paramref name="count"/> messages.</summary>
        public static ConfigErrors Refused(string text, int count)
        {
            DeviceConfigResult result = DeviceConfigParser.Parse(text, Mac);
            Assert.IsFalse(result.IsValid);
            Assert.IsNull(result.Config);
            Assert.AreEqual(count, result.Errors.Count, result.Errors.ToString());
            return result.Errors;
        }
    }
}
